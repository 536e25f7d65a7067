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
    /// The replica id belongs to another agent (registered, or first used, by it); checked again
    /// under the storage's writer lock, so a registration at the same moment cannot slip between.
    case wrongReplica
}
