/// What one replica sends another: the changes the receiver lacks, and what the sender has seen.
///
/// Superseded changes are not sent; the sender's vector tells the receiver they are covered,
/// so its own vector stays contiguous.
public struct Delta: Sendable, Equatable {
    public var changes: [Change]
    public var vector: VersionVector

    public init(changes: [Change], vector: VersionVector) {
        self.changes = changes
        self.vector = vector
    }
}
