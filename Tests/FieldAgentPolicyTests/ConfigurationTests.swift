import FieldAgentCore
import Foundation
import Testing

@testable import FieldAgentPolicy

@Suite struct ConfigurationTests {
    @Test func embeddedDefaultEqualsFixtureFile() throws {
        let file = try PolicyConfiguration.load(try Fixture.bytes("policy/default-policy.json"))
        #expect(file == PolicyConfiguration.standard)
        #expect(
            try JSON.parse(try Fixture.bytes("policy/default-policy.json"))
                == JSON.parse(PolicyConfiguration.defaultJSON))
    }

    @Test func embeddedResourceIsTheFixtureFileByteForByte() throws {
        let fixture = try Fixture.bytes("policy/default-policy.json")
        #expect(PackageResources.default_policy_json == fixture)
        #expect(Array(PolicyConfiguration.defaultJSON.utf8) == fixture)
    }

    @Test func defaultsAreTheSpecsNumbers() {
        let c = PolicyConfiguration.standard
        #expect(c.graceDays == 0)
        #expect(c.attemptCap == 7 && c.attemptCapDays == 7 && c.rightPartyPauseDays == 7)
        #expect(c.staleSyncHours == 24)
        #expect(c.contactHours.window(isoWeekday: 1) == ContactWindow("08:00-21:00"))
        #expect(c.contactHours.window(isoWeekday: 6) == ContactWindow("08:00-21:00"))
        #expect(c.contactHours.window(isoWeekday: 7) == nil)
    }

    @Test func roundTripsThroughJSON() throws {
        let encoded = try JSONEncoder().encode(PolicyConfiguration.standard)
        #expect(try PolicyConfiguration.load(Array(encoded)) == .standard)
    }

    @Test(arguments: [
        ("\"slotMinutes\": 60", "\"slotMinutes\": 0", "slotMinutes: must be between 1 and 1440"),
        ("\"attemptCap\": 7,", "", "attemptCap: is required"),
        ("\"graceDays\": 0", "\"graceDays\": \"zero\"", "graceDays: wrong type"),
        ("\"satisfiedMinScore\": 4", "\"satisfiedMinScore\": 6", "satisfiedMinScore: must be between 1 and 5"),
    ])
    func rejectsBadFilesNamingTheKey(original: String, replacement: String, problem: String) {
        let text = PolicyConfiguration.defaultJSON.replacingOccurrences(of: original, with: replacement)
        #expect(text != PolicyConfiguration.defaultJSON)
        #expect(throws: PolicyConfigurationError(problem: problem)) { try PolicyConfiguration.load(Array(text.utf8)) }
    }

    @Test func thresholdsAreConfigurable() {
        let asOf = Fixture.date("2026-11-29")
        let input = PolicyCustomer(
            customer: Fixture.customer(installments: Fixture.monthly(count: 12, lateIndices: [3, 6])))
        #expect(TreatmentRules().decide(input, asOf: asOf).treatment == .standard)
        var lenient = PolicyConfiguration.standard
        lenient.understandingMaxLatePayments = 2
        lenient.version = "test-lenient"
        let decision = TreatmentRules(configuration: lenient).decide(input, asOf: asOf)
        #expect(decision.treatment == .understanding)
        #expect(decision.ruleSetVersion == "test-lenient")
        var graceful = PolicyConfiguration.standard
        graceful.graceDays = 5
        #expect(TreatmentRules(configuration: graceful).decide(input, asOf: asOf).treatment == .understanding)
    }
}
