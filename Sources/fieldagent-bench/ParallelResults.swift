import Foundation

/// Results that threads of ``Parallel/run(_:_:)`` fill in, one slot each.
///
/// `@unchecked Sendable`: every access to `slots` takes `lock`.
final class ParallelResults<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [T?]

    /// `count` empty slots.
    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Fills slot `index`.
    func set(_ index: Int, _ value: T) { lock.withLock { slots[index] = value } }

    /// Every slot's value, in order; call after every slot was filled.
    var values: [T] { lock.withLock { slots.map { $0! } } }
}
