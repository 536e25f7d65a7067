import FieldAgentCore
import FieldAgentStore

/// Why a replica store could not be opened, read or written.
///
/// Descriptions name files and offsets, never change contents (which may be personal data).
public enum ReplicaStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The underlying durable store failed; its description says what to do.
    case store(StoreError)
    /// There is no replica store in the directory.
    case missing(path: String)
    /// A record or the snapshot could not be decoded although its checksum was fine: a bug or a newer program.
    case undecodable(path: String, what: String, problem: String)

    public var description: String {
        switch self {
        case .store(let error): error.description
        case .missing(let path): "there is no replica store at \(path)"
        case .undecodable(let path, let what, let problem):
            "the replica store at \(path) holds \(what) this program cannot read (\(problem)); upgrade the program"
        }
    }
}
