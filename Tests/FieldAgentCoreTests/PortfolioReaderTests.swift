import FieldAgentCore
import Foundation
import Testing

@Suite struct PortfolioReaderTests {
    let reader = PortfolioReader { TimeZone(identifier: $0) != nil }

    /// The spec's example portfolio: one customer with one account and two installments.
    static func valid() throws -> String { try Fixture.text("portfolios/spec-example.json") }

    @Test func readsTheSpecExample() throws {
        let p = try reader.read(Array(try Self.valid().utf8))
        #expect(p.customers.count == 1)
        #expect(p.customers[0].agents == ["alice"])
        #expect(p.customers[0].contactWindow?.description == "17:00-19:00")
        #expect(p.customers[0].accounts[0].installments[1].paid == nil)
    }

    /// Each case mutates the valid document and names the path and problem expected.
    static let badCases: [(String, String, String)] = [
        (
            "\"due\": \"2026-02-15\"", "\"due\": \"2026-02-30\"",
            "customers[0].accounts[0].installments[1].due: not a date"
        ),
        (
            "\"amount\": 15000}", "\"amount\": -5}",
            "customers[0].accounts[0].installments[1].amount: must be at least 1"
        ),
        ("\"balance\": 45000", "\"balance\": -1", "customers[0].accounts[0].balance: must not be negative"),
        (
            "\"balance\": 45000", "\"balance\": 450.5",
            "customers[0].accounts[0].balance: expected a whole number of minor units"
        ),
        (
            "\"currency\": \"EUR\"", "\"currency\": \"euro\"",
            "customers[0].accounts[0].currency: not an ISO 4217 currency code"
        ),
        (
            "\"phone\": \"+358401234567\"", "\"phone\": \"0401234567\"",
            "customers[0].phone: not a phone number in E.164 form (+ and 7 to 15 digits)"
        ),
        ("\"email\": \"aino@example.fi\"", "\"email\": \"aino\"", "customers[0].email: not an email address"),
        (
            "\"timeZone\": \"Europe/Helsinki\"", "\"timeZone\": \"Mars/Olympus\"",
            "customers[0].timeZone: not an IANA time zone (e.g. Europe/Helsinki)"
        ),
        (
            "\"preferredChannel\": \"sms\"", "\"preferredChannel\": \"pigeon\"",
            "customers[0].preferredChannel: must be one of visit, call, sms, email, letter"
        ),
        (
            "\"contactWindow\": \"17:00-19:00\"", "\"contactWindow\": \"19:00-17:00\"",
            "customers[0].contactWindow: not a window (HH:MM-HH:MM, start before end)"
        ),
        (
            "\"flags\": []", "\"flags\": [\"vip\"]",
            "customers[0].flags[0]: must be one of vulnerable, hardship, dispute, suspended, insolvency, time-barred, stop-contact, do-not-visit"
        ),
        ("\"flags\": []", "\"flags\": [\"dispute\", \"dispute\"]", "customers[0].flags[1]: duplicate flag"),
        (
            "\"language\": \"fi\"", "\"language\": \"Finnish\"",
            "customers[0].language: not a language code (e.g. fi, en)"
        ),
        (
            "\"id\": \"C-1001\"", "\"id\": \"C 1001\"",
            "customers[0].id: may contain only letters, digits, '.', '_' and '-'"
        ),
        ("\"name\": \"Aino Virtanen\"", "\"name\": \"  \"", "customers[0].name: must not be empty"),
        ("\"name\": \"Aino Virtanen\", ", "", "customers[0].name: is required"),
        (
            "\"agent\": \"alice\"", "\"agent\": \"alice\", \"agents\": [\"bob\"]",
            "customers[0].agent: give either agent or agents, not both"
        ),
        (
            "\"paid\": \"2026-01-14\", ", "",
            "customers[0].accounts[0].installments[0]: paidAmount is set but paid is missing"
        ),
        ("\"language\": \"fi\"", "\"language\": \"fi\", \"phon\": \"x\"", "customers[0].phon: unknown key"),
        (
            "\"timeZone\": \"Europe/Helsinki\"", "\"timeZone\": 3",
            "customers[0].timeZone: expected a string, found number"
        ),
        ("{\"customers\": [", "{\"customers\": {", "invalid JSON at byte"),
    ]

    @Test(arguments: 0..<badCases.count) func rejectsBadInputWithThePath(index: Int) throws {
        let (from, to, expected) = Self.badCases[index]
        let valid = try Self.valid()
        #expect(valid.contains(from), "case \(index) does not apply")
        let text = valid.replacingOccurrences(of: from, with: to)
        do {
            _ = try reader.read(Array(text.utf8))
            Issue.record("case \(index) was accepted")
        } catch {
            #expect(error.description.hasPrefix(expected), "got: \(error.description)")
            #expect(!error.description.contains("Aino"), "personal data in an error")
        }
    }

    @Test func duplicateIdsAreRejected() throws {
        let customer = try Self.customerJSON()
        let doc = "{\"customers\": [" + customer + "," + customer + "]}"
        #expect(throws: ValidationError(path: "customers[1].id", problem: "duplicate customer id")) {
            try reader.read(Array(doc.utf8))
        }
    }

    static func customerJSON() throws -> String {
        let valid = try Self.valid()
        let start = valid.range(of: "[{")!.upperBound
        return "{" + valid[start...].dropLast(2)
    }
}
