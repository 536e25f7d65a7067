/// Where one record sits in a ``SegmentLog``: its segment, the byte offset of its frame, and the
/// frame's length, packed into 64 bits so an index can hold millions of them cheaply.
///
/// Addresses sort in log order: by segment, then offset. A rewrite of a segment (erasure) keeps
/// every frame's offset and length, so addresses stay valid for the segment's whole life.
public struct SegmentAddress: Hashable, Comparable, Sendable {
    /// The packed form: segment (18 bits), offset (26 bits), frame length (20 bits).
    public let rawValue: UInt64

    static let segmentBits: UInt64 = 18
    static let offsetBits: UInt64 = 26
    static let lengthBits: UInt64 = 20
    /// The largest frame (header and payload) an address can describe.
    public static let maximumFrameLength = Int(1 << lengthBits) - 1
    /// The largest offset of a frame in one segment.
    public static let maximumOffset = Int(1 << offsetBits) - 1
    /// The highest segment number.
    public static let maximumSegment = UInt32((1 << segmentBits) - 1)

    /// An address from its packed form.
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// The address of a frame of `length` bytes at `offset` in segment `segment`.
    public init(segment: UInt32, offset: Int, length: Int) {
        precondition(segment <= Self.maximumSegment && offset <= Self.maximumOffset)
        precondition(length <= Self.maximumFrameLength)
        rawValue =
            UInt64(segment) << (Self.offsetBits + Self.lengthBits) | UInt64(offset) << Self.lengthBits
            | UInt64(length)
    }

    /// The segment's number.
    public var segment: UInt32 { UInt32(rawValue >> (Self.offsetBits + Self.lengthBits)) }
    /// The frame's offset in its segment.
    public var offset: Int { Int((rawValue >> Self.lengthBits) & ((1 << Self.offsetBits) - 1)) }
    /// The frame's length in bytes, header included.
    public var length: Int { Int(rawValue & ((1 << Self.lengthBits) - 1)) }

    public static func < (a: SegmentAddress, b: SegmentAddress) -> Bool { a.rawValue < b.rawValue }
}
