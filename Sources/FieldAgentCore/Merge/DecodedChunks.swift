import Synchronization

/// The results of decoding snapshot chunks on several threads, one slot per chunk.
final class DecodedChunks: Sendable {
    private let slots: Mutex<[Result<[Change], DecodeError>?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ result: Result<[Change], DecodeError>) { slots.withLock { $0[index] = result } }

    /// Every slot's result, in order; called after all writers finished.
    func take() -> [Result<[Change], DecodeError>] {
        slots.withLock { $0.map { $0 ?? .failure(DecodeError(offset: 0, problem: "chunk not decoded")) } }
    }
}
