/// One record ``Store/salvage(at:)`` read back, with where its log frame starts (so that an owner
/// that cannot decode it can name the place).
public struct SalvagedRecord: Sendable, Equatable {
    /// The record's bytes, as the owner appended them.
    public var payload: [UInt8]
    /// The log file holding it (a full path).
    public var file: String
    /// The byte offset of its transaction's frame in `file`.
    public var offset: Int

    /// A record read from `file` at `offset`.
    public init(payload: [UInt8], file: String, offset: Int) {
        self.payload = payload
        self.file = file
        self.offset = offset
    }
}
