import FieldAgentCore
import FieldAgentTestSupport
import Foundation
import Testing

@testable import FieldAgentPolicy

@Suite struct PortfolioGeneratorTests {
    @Test func sameSeedSamePortfolioAndItIsValid() throws {
        let a = PortfolioGenerator(customerCount: 300, seed: 7).generate()
        let b = PortfolioGenerator(customerCount: 300, seed: 7).generate()
        #expect(
            a.customers == b.customers && a.contacts == b.contacts && a.promises == b.promises && a.notes == b.notes)
        #expect(PortfolioGenerator(customerCount: 300, seed: 8).generate().customers != a.customers)
        // The generated portfolio passes the strict import reader.
        let encoded = try JSONEncoderBox.encode(a.portfolio)
        let read = try PortfolioReader(isKnownZone: TimeZoneClock.isKnownZone).read(encoded)
        #expect(read.customers.count == 300)
        // It exercises every treatment, and the plan lists everyone once.
        let inputs = PolicyCustomer.group(
            customers: a.customers, contacts: a.contacts, promises: a.promises, notes: a.notes)
        let asOf = LocalDate("2026-11-30")!
        let treatments = Set(inputs.map { TreatmentRules().decide($0, asOf: asOf).treatment })
        #expect(treatments == Set(Treatment.allCases))
        let now = Instant("2026-11-30T06:00:00Z")!
        let plan = ContactPlanner().plan(for: asOf, customers: inputs, lastSync: now, now: now)
        #expect(plan.entries.count + plan.skipped.count == 300)
        #expect(!plan.entries.isEmpty)
    }

    /// Benchmarks compare figures across sessions, so the generated workload must not drift.
    @Test func theWorkloadIsPinned() throws {
        let g = PortfolioGenerator(customerCount: 500, seed: 2026).generate()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let digest = Hex.encode(SHA256.hash(Array(try encoder.encode(g.portfolio))))
        #expect(digest == "41d4b77289a599f6da3f3fe0787f10cb35cad8ed0d2c4998c2769dec40c444c1")
        let counts: [Int] = [g.contacts.count, g.promises.count, g.notes.count]
        #expect(counts == [1817, 323, 453])
    }
}
