/// Seeded damage for fuzz tests: one to four random edits (flip, drop, insert, truncate) of `bytes`.
public enum ByteMutation {
    /// `bytes` with one to four random edits drawn from `random`.
    public static func mutate(_ bytes: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var out = bytes
        for _ in 0..<(1 + Int(random.next() % 4)) {
            guard !out.isEmpty else { break }
            let at = Int(random.next() % UInt64(out.count))
            switch random.next() % 4 {
            case 0: out[at] ^= UInt8(truncatingIfNeeded: random.next() | 1)
            case 1: out.remove(at: at)
            case 2: out.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
            default: out = Array(out[..<at])
            }
        }
        return out
    }
}
