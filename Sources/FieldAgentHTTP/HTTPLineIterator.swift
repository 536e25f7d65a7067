/// Splits a validated header block into lines at CRLF, without copying.
///
/// The parser has already checked that every LF is preceded by CR, so a line is the bytes
/// up to the next CR that is followed by LF.
struct HTTPLineIterator: IteratorProtocol {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position: Int

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    mutating func next() -> UnsafeBufferPointer<UInt8>? {
        guard position < bytes.endIndex else { return nil }
        var index = position
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\r"), index + 1 < bytes.endIndex, bytes[index + 1] == UInt8(ascii: "\n") {
                break
            }
            index += 1
        }
        let line = UnsafeBufferPointer(rebasing: bytes[position..<index])
        position = index + 2
        return line
    }
}
