extension Hex {
    /// `byteCount` random bytes from the system's secure generator, as lowercase hex.
    ///
    /// Used for replica-id suffixes, tokens and scratch names: one place that draws them.
    public static func random(byteCount: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return encode(randomBytes(byteCount, using: &generator))
    }

    /// `count` random bytes from the system's secure generator.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return randomBytes(count, using: &generator)
    }

    private static func randomBytes(_ count: Int, using generator: inout some RandomNumberGenerator) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}
