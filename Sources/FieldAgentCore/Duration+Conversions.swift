extension Duration {
    /// The duration in seconds, as a floating-point number (for metrics and benchmarks).
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// The duration in milliseconds, as a floating-point number (for access logs).
    public var inMilliseconds: Double { inSeconds * 1000 }

    /// Whole nanoseconds, clamped to `Int` (for Dispatch timeouts).
    public var wholeNanoseconds: Int {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return seconds < 0 ? .min : .max }
        return Int(clamping: scaled + attoseconds / 1_000_000_000)
    }

    /// Seconds with two decimals, for people: `1.05 s`, `12.30 s`.
    public var secondsText: String {
        let hundredths = (inSeconds * 100).rounded()
        let whole = Int64(hundredths) / 100
        let fraction = Int64(hundredths) % 100
        return "\(whole).\(fraction < 10 ? "0" : "")\(fraction) s"
    }
}
