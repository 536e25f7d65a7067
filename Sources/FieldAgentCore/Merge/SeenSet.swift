/// The counters of one replica's changes that have been applied: a contiguous prefix plus stragglers.
///
/// Changes may arrive out of order; stragglers are folded into the prefix as the gaps fill.
public struct SeenSet: Hashable, Sendable {
    var contiguous: UInt64 = 0
    var extra: Set<UInt64> = []

    /// An empty set.
    public init() {}

    init(contiguous: UInt64) { self.contiguous = contiguous }

    /// Whether `counter` was recorded.
    public func contains(_ counter: UInt64) -> Bool { counter <= contiguous || extra.contains(counter) }

    /// Records `counter`; returns false if it was already there.
    @discardableResult public mutating func insert(_ counter: UInt64) -> Bool {
        if counter <= contiguous { return false }
        if counter == contiguous + 1 {
            contiguous = counter
            absorb()
            return true
        }
        return extra.insert(counter).inserted
    }

    /// Marks everything up to `counter` as seen.
    mutating func raise(to counter: UInt64) {
        guard counter > contiguous else { return }
        contiguous = counter
        if !extra.isEmpty { extra = extra.filter { $0 > counter } }
        absorb()
    }

    /// The highest counter seen at all.
    public var maximum: UInt64 { extra.max().map { max($0, contiguous) } ?? contiguous }

    private mutating func absorb() {
        while !extra.isEmpty, extra.remove(contiguous + 1) != nil { contiguous += 1 }
    }
}
