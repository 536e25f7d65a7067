/// The draws a generator makes from a seeded ``SplitMix64`` stream: an element, a chance, an integer.
///
/// Every draw consumes exactly one number, so a generator's output depends only on its seed and
/// on the order of its draws.
public struct RandomDraws: Sendable {
    private var random: SplitMix64

    /// Draws from the stream seeded with `seed`.
    public init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// One of `items`, uniformly.
    public mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { Double(random.next() >> 11) / Double(1 << 53) < p }

    /// An integer in `range`, uniformly.
    public mutating func between(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(random.next() % UInt64(range.count))
    }
}
