/// Whether storage already holds a change with a given id, and whether it is the same change.
public enum StoredChangeStatus: Sendable, Hashable {
    /// The id was never stored.
    case unknown
    /// The same change (same id and content) was stored before.
    case same
    /// Another change with this id was stored before.
    case different
    /// The id was stored, but its customer has since been erased and the content is gone.
    case erased
}
