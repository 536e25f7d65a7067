/// One decoder of untrusted bytes under fuzzing, and the check every input must pass.
///
/// A check returns nil when the decoder behaved: it returned (and what it returned re-encodes
/// consistently, where an encoder exists) or threw its typed error naming an offset inside the
/// input. Otherwise it returns what went wrong; the fuzz build then aborts so libFuzzer saves the
/// input. A crash inside the decoder (a trap, an out-of-bounds access, a huge allocation) is caught
/// by the sanitizers before the check ever returns.
enum FuzzTarget: String, CaseIterable, Sendable {
    /// `JSON.parse` (and `JSON.bytes` for the round trip).
    case json
    /// `HTTPParser`, fed in chunks as a socket would.
    case http
    /// `PullResponse(binary:)` (and `binary` for the round trip).
    case page
    /// `ChangeCodec.decode` and `ReplicaState(snapshot:)` (and their encoders).
    case changes
    /// The store's log frames, transactions and snapshot files, and the replica store's records.
    case store

    /// What went wrong when the decoder read `bytes`, or nil when all was well.
    func check(_ bytes: [UInt8]) -> String? {
        switch self {
        case .json: JSONCheck.check(bytes)
        case .http: HTTPCheck.check(bytes)
        case .page: PageCheck.check(bytes)
        case .changes: ChangesCheck.check(bytes)
        case .store: StoreCheck.check(bytes)
        }
    }

    /// Valid encodings to start the corpus from: (name, bytes).
    func seeds() -> [(String, [UInt8])] {
        switch self {
        case .json: JSONCheck.seeds()
        case .http: HTTPCheck.seeds()
        case .page: PageCheck.seeds()
        case .changes: ChangesCheck.seeds()
        case .store: StoreCheck.seeds()
        }
    }

    /// `problem` unless `offset` (nil: the error names none) lies within an `count`-byte input.
    static func offsetProblem(_ offset: Int?, in count: Int, _ error: some Error) -> String? {
        guard let offset, !(0...count).contains(offset) else { return nil }
        return "error at byte \(offset), outside the \(count)-byte input: \(error)"
    }
}
