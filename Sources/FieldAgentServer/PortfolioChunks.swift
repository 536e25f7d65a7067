import FieldAgentCore
import FieldAgentStore
import Foundation

/// A portfolio document handed to ``PortfolioScanner`` in chunks: a file read 1 MiB at a time, or
/// bytes already in memory. Keeps a CRC-32C of what it handed out, so two reads of one file can be
/// compared.
final class PortfolioChunks {
    private let file: FileHandle?
    private var bytes: [UInt8]?
    private(set) var checksum: UInt32 = 0
    static let chunkSize = 1 << 20

    /// The document in `bytes`.
    init(bytes: [UInt8]) {
        file = nil
        self.bytes = bytes
    }

    private init(file: FileHandle) {
        self.file = file
        bytes = nil
    }

    deinit { try? file?.close() }

    /// The file at `path`, opened for reading.
    static func open(_ path: String) throws(AdminError) -> PortfolioChunks {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw .unreadableFile(path: path, reason: "no such file or not readable")
        }
        return PortfolioChunks(file: file)
    }

    /// The next chunk, or nil at the end.
    func next() throws(ValidationError) -> [UInt8]? {
        let chunk: [UInt8]
        if let file {
            do {
                chunk = Array(try file.read(upToCount: Self.chunkSize) ?? Data())
            } catch {
                throw ValidationError(path: "", problem: "the file could not be read to its end")
            }
        } else {
            chunk = bytes ?? []
            bytes = nil
        }
        guard !chunk.isEmpty else { return nil }
        checksum = CRC32C.update(checksum, with: chunk)
        return chunk
    }
}
