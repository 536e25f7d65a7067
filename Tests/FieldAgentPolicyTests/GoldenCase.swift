import FieldAgentCore
import FieldAgentPolicy
import Foundation
import Testing

/// A golden file of `Fixtures/policy/`: inputs and hand-computed expectations.
struct GoldenCase {
    let document: Value
    let customers: [PolicyCustomer]
    let asOf: LocalDate
    let now: Instant
    let lastSync: Instant

    init(_ name: String) throws {
        let bytes = try Fixture.bytes("policy/\(name)")
        let document = try JSON.parse(bytes)
        self.document = document
        let portfolio = try PortfolioReader(isKnownZone: TimeZoneClock.isKnownZone)
            .portfolio(.object(["customers": document["customers"]!]))
        func decode<T: Decodable>(_ key: String, as: T.Type) throws -> T {
            try JSONDecoder().decode(T.self, from: Data(JSON.bytes(document[key]!)))
        }
        customers = PolicyCustomer.group(
            customers: portfolio.customers, contacts: try decode("contacts", as: [Contact].self),
            promises: try decode("promises", as: [PromiseToPay].self),
            notes: try decode("notes", as: [SatisfactionNote].self))
        asOf = LocalDate(document["asOf"]!.stringValue!)!
        now = Instant(document["now"]!.stringValue!)!
        lastSync = Instant(document["lastSync"]!.stringValue!)!
    }

    var expected: Value { document["expected"]! }

    /// Records an issue for every key of `expected` whose value differs from `actual` (numbers within 1e-6).
    static func compare(
        _ actual: Value?, _ expected: Value, path: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        switch (actual, expected) {
        case (.some(.object(let a)), .object(let e)):
            for (key, value) in e { compare(a[key], value, path: "\(path).\(key)", sourceLocation: sourceLocation) }
        case (.some(.list(let a)), .list(let e)):
            #expect(a.count == e.count, "\(path): count", sourceLocation: sourceLocation)
            for (i, pair) in zip(a, e).enumerated() {
                compare(pair.0, pair.1, path: "\(path)[\(i)]", sourceLocation: sourceLocation)
            }
        case (.some(let a), _) where number(a) != nil && number(expected) != nil:
            #expect(
                abs(number(a)! - number(expected)!) < 1e-6, "\(path): \(a) != \(expected)",
                sourceLocation: sourceLocation)
        default:
            #expect(actual == expected, "\(path)", sourceLocation: sourceLocation)
        }
    }

    private static func number(_ v: Value) -> Double? {
        switch v {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }
}
