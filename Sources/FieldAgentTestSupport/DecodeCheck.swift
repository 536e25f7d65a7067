import FieldAgentCore

/// Checks for the decoders of untrusted or on-disk bytes: whatever the input, a decoder returns or
/// throws its typed error promptly, and an error names an offset inside the input.
///
/// A decoder that trusts a count crashes the process here (it asks for gigabytes), so a test using
/// these checks fails loudly rather than quietly.
public enum DecodeCheck {
    /// What went wrong when `decode` read `input`, or nil when all was well.
    ///
    /// All is well when `decode` returned (unless `mustThrow`) or threw an `E` whose `offset`
    /// (nil: the error names none) lies within the input, in both cases within `limit`.
    public static func problem<E: Error>(
        _ input: [UInt8], mustThrow: Bool = false, within limit: Duration = .seconds(1),
        offset: (E) -> Int?, _ decode: ([UInt8]) throws -> Void
    ) -> String? {
        var caught: (any Error)?
        let elapsed = ContinuousClock().measure {
            do { try decode(input) } catch { caught = error }
        }
        if elapsed > limit { return "took \(elapsed) for \(input.count) bytes" }
        guard let caught else { return mustThrow ? "decoded \(input.count) hostile bytes" : nil }
        guard let error = caught as? E else { return "threw \(type(of: caught)), not \(E.self)" }
        if let at = offset(error), !(0...input.count).contains(at) {
            return "error at byte \(at), outside the \(input.count)-byte input"
        }
        return nil
    }

    /// ``problem(_:mustThrow:within:offset:_:)`` for decoders that throw ``DecodeError``.
    public static func problem(
        _ input: [UInt8], mustThrow: Bool = false, within limit: Duration = .seconds(1),
        _ decode: ([UInt8]) throws -> Void
    ) -> String? {
        problem(input, mustThrow: mustThrow, within: limit, offset: { (error: DecodeError) in error.offset }, decode)
    }

    /// The input of a seeded property test: even seeds give `prefix` and up to `maxRandom` random
    /// bytes, odd seeds a ``ByteMutation`` of one of `valid` (chosen by the seed).
    public static func input(seed: UInt64, prefix: [UInt8] = [], maxRandom: Int = 64, valid: [[UInt8]]) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        if seed % 2 == 0 || valid.isEmpty {
            let count = Int(random.next() % UInt64(maxRandom + 1))
            return prefix + (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        }
        let original = valid[Int(random.next() % UInt64(valid.count))]
        return ByteMutation.mutate(original, &random)
    }
}
