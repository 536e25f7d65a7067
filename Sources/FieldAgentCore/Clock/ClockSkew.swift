/// A remote timestamp that was further ahead of our wall clock than the clock accepts.
///
/// The clock does not adopt such a timestamp; the change carrying it is still kept, so no data is lost.
public struct ClockSkew: Hashable, Sendable, CustomStringConvertible {
    public var remote: HLCTimestamp
    public var localWallMillis: Int64

    public init(remote: HLCTimestamp, localWallMillis: Int64) {
        self.remote = remote
        self.localWallMillis = localWallMillis
    }

    /// How far ahead the remote clock was, in milliseconds.
    public var aheadMillis: Int64 { remote.wallMillis - localWallMillis }

    public var description: String {
        "a remote clock is \(aheadMillis / 1000) s ahead of this device; its timestamp was not adopted"
    }
}
