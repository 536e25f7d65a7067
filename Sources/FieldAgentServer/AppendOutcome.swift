/// What storage did with one change handed to ``ServerStorage/append(_:)``.
public enum AppendOutcome: Sendable, Hashable {
    /// Stored durably under this sequence number.
    case accepted(sequence: UInt64)
    /// The same change was stored before; nothing changed.
    case duplicate
    /// A different change was stored before under the same id.
    case idReused
    /// The customer was erased; the change was dropped.
    case customerErased
}
