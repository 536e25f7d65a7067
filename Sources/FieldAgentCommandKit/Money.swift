/// Formats and parses amounts in minor units for a currency, e.g. 4500 EUR ⇄ "45.00 EUR".
public enum Money {
    /// Minor-unit digits per ISO 4217 (2 unless listed).
    static func digits(_ currency: String) -> Int {
        switch currency {
        case "JPY", "KRW", "ISK", "CLP", "VND", "XOF", "XAF", "UGX", "PYG": return 0
        case "BHD", "KWD", "OMR", "JOD", "TND", "LYD", "IQD": return 3
        default: return 2
        }
    }

    /// `4500, "EUR"` → `"45.00 EUR"`.
    public static func format(_ minor: Int64, currency: String) -> String {
        let d = digits(currency)
        let negative = minor < 0
        let magnitude = minor.magnitude
        var text: String
        if d == 0 {
            text = String(magnitude)
        } else {
            var scale: UInt64 = 1
            for _ in 0..<d { scale *= 10 }
            let fraction = String(magnitude % scale)
            text = "\(magnitude / scale).\(String(repeating: "0", count: d - fraction.count))\(fraction)"
        }
        return (negative ? "-" : "") + text + " " + currency
    }

    /// `"50.00"` → 5000 for a 2-digit currency; nil when malformed or with too many decimals.
    public static func parse(_ text: String, currency: String) -> Int64? {
        let d = digits(currency)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy(\.isNumber),
            let whole = Int64(parts[0])
        else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let f = parts[1]
            guard !f.isEmpty, f.count <= d, f.allSatisfy(\.isNumber) else { return nil }
            fraction = Int64(f + String(repeating: "0", count: d - f.count)) ?? 0
        }
        var scale: Int64 = 1
        for _ in 0..<d { scale *= 10 }
        let (product, overflow) = whole.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        return product + fraction
    }
}
