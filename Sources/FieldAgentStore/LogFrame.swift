/// What one position of a log holds, as ``LogFile/readFrame(_:at:)`` reads it.
enum LogFrame {
    /// A complete, checksummed transaction whose frame ends at `end`.
    case transaction(Transaction, end: Int)
    /// An incomplete last frame: the file ends inside it, or only zeros follow.
    case torn
    /// A damaged frame. `end` is where it ends when its length could be trusted (the length's
    /// checksum matched), nil when even the length is unknown.
    case damaged(StoreDecodingError, end: Int?)
}
