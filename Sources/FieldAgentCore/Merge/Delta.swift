/// What one replica sends another: the changes the receiver lacks, and what the sender has seen.
///
/// Superseded changes are not sent. Instead the receiver joins states: any value it holds that
/// the sender has seen (`vector`) after `since` but did not send is dead at the sender, so it is
/// removed. That keeps the receiver's vector contiguous and the merge a true join.
public struct Delta: Sendable, Equatable {
    public var changes: [Change]
    /// The sender's vector: everything it has seen.
    public var vector: VersionVector
    /// The vector the delta was computed against: every live change above it is included.
    public var since: VersionVector

    public init(changes: [Change], vector: VersionVector, since: VersionVector) {
        self.changes = changes
        self.vector = vector
        self.since = since
    }
}
