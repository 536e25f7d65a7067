/// A named, one-time transformation of a store's contents.
///
/// Once applied, its name is recorded in the store and it never runs again on that store.
public struct StoreMigration: Sendable {
    /// A stable, unique name, e.g. `"v2-split-contact-notes"`.
    public let name: String
    /// Rewrites the contents in place; throwing leaves the store unchanged.
    public let migrate: @Sendable (inout StoreContents) throws -> Void
}
