import FieldAgentCore
import Testing

@testable import FieldAgentPolicy

/// Table-driven checks at every threshold of the default rule set, as of 2026-11-29.
@Suite struct TreatmentBoundaryTests {
    static let asOf = LocalDate("2026-11-29")!

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let installments: [Installment]
        let promises: [PromiseToPay]
        let expected: Treatment
        var testDescription: String { name }
    }

    static let twoBrokenBase = Fixture.monthly(count: 12)
    static let brokenNovember = Fixture.promise("P1", amount: 5000, date: "2026-11-20", madeAt: "2026-11-12T10:00:00Z")
    static let brokenOctober = Fixture.promise("P2", amount: 5000, date: "2026-10-20", madeAt: "2026-10-12T10:00:00Z")

    static let cases: [Case] = [
        Case(
            name: "1 late payment", installments: Fixture.monthly(count: 12, lateIndices: [5]), promises: [],
            expected: .understanding),
        Case(
            name: "2 late payments", installments: Fixture.monthly(count: 12, lateIndices: [5, 8]), promises: [],
            expected: .standard),
        Case(
            name: "3 late payments", installments: Fixture.monthly(count: 12, lateIndices: [1, 4, 7]), promises: [],
            expected: .standard),
        Case(
            name: "4 late payments", installments: Fixture.monthly(count: 12, lateIndices: [1, 4, 7, 10]), promises: [],
            expected: .decisive),
        Case(
            name: "30 days past due",
            installments: Fixture.monthly(count: 11, last: LocalDate("2026-10-10")!) + [
                Fixture.unpaid(daysBefore: 30, asOf: asOf)
            ],
            promises: [], expected: .understanding),
        Case(
            name: "31 days past due",
            installments: Fixture.monthly(count: 11, last: LocalDate("2026-10-10")!) + [
                Fixture.unpaid(daysBefore: 31, asOf: asOf)
            ],
            promises: [], expected: .standard),
        Case(
            name: "60 days past due",
            installments: Fixture.monthly(count: 10, last: LocalDate("2026-09-10")!) + [
                Fixture.unpaid(daysBefore: 60, asOf: asOf)
            ],
            promises: [], expected: .standard),
        Case(
            name: "61 days past due",
            installments: Fixture.monthly(count: 10, last: LocalDate("2026-09-10")!) + [
                Fixture.unpaid(daysBefore: 61, asOf: asOf)
            ],
            promises: [], expected: .decisive),
        Case(name: "1 broken promise", installments: twoBrokenBase, promises: [brokenNovember], expected: .standard),
        Case(
            name: "2 broken promises", installments: twoBrokenBase, promises: [brokenNovember, brokenOctober],
            expected: .decisive),
        Case(
            name: "late installment due exactly 12 months before is outside the window",
            installments: Fixture.monthly(count: 11, lateIndices: [10])
                + [
                    Installment(
                        due: LocalDate("2025-11-29")!, amount: 1000, paid: LocalDate("2025-12-05")!, paidAmount: 1000)
                ],
            promises: [], expected: .understanding),
        Case(
            name: "late installment due 12 months minus a day before is inside the window",
            installments: Fixture.monthly(count: 11, lateIndices: [10])
                + [
                    Installment(
                        due: LocalDate("2025-11-30")!, amount: 1000, paid: LocalDate("2025-12-05")!, paidAmount: 1000)
                ],
            promises: [], expected: .standard),
        Case(
            name: "broken promise dated exactly 6 months before is outside the window",
            installments: twoBrokenBase,
            promises: [
                brokenNovember, Fixture.promise("P3", amount: 5000, date: "2026-05-29", madeAt: "2026-05-20T10:00:00Z"),
            ],
            expected: .standard),
        Case(
            name: "broken promise dated 6 months minus a day before is inside the window",
            installments: twoBrokenBase,
            promises: [
                brokenNovember, Fixture.promise("P3", amount: 5000, date: "2026-05-30", madeAt: "2026-05-20T10:00:00Z"),
            ],
            expected: .decisive),
    ]

    @Test(arguments: cases)
    func boundary(_ c: Case) {
        let input = PolicyCustomer(customer: Fixture.customer(installments: c.installments), promises: c.promises)
        let decision = TreatmentRules().decide(input, asOf: Self.asOf)
        #expect(decision.treatment == c.expected, "\(decision.reasons)")
        #expect(!decision.reasons.isEmpty)
    }

    @Test func reasonsCarryTheNumbers() {
        let understanding = TreatmentRules().decide(
            PolicyCustomer(customer: Fixture.customer(installments: Fixture.monthly(count: 12, lateIndices: [11]))),
            asOf: Self.asOf)
        #expect(understanding.reasons.first == "first late payment after 11 on-time payments in 12 months")
        let decisive = TreatmentRules().decide(
            PolicyCustomer(
                customer: Fixture.customer(installments: Fixture.monthly(count: 12, lateIndices: [1, 4, 7, 10]))),
            asOf: Self.asOf)
        #expect(decisive.reasons == ["4 late payments in 12 months (4 or more is decisive)", "contact within 1 day"])
    }

    @Test func vulnerableChronicLatePayerGetsCare() {
        let history =
            Fixture.monthly(count: 12, lateIndices: [0, 2, 4, 6, 8, 10]) + [
                Fixture.unpaid(daysBefore: 90, asOf: Self.asOf)
            ]
        let plain = PolicyCustomer(customer: Fixture.customer(installments: history))
        #expect(TreatmentRules().decide(plain, asOf: Self.asOf).treatment == .decisive)
        let vulnerable = PolicyCustomer(customer: Fixture.customer(flags: [.vulnerable], installments: history))
        let care = TreatmentRules().decide(vulnerable, asOf: Self.asOf)
        #expect(care.treatment == .care)
        #expect(
            care.reasons[1]
                == "payment behaviour: 7 late payments in 12 months, 90 days past due, 0 broken promises in 6 months")
    }

    @Test(arguments: [Flag.dispute, .suspended, .insolvency, .timeBarred, .stopContact])
    func holdingFlagWinsOverCareAndDecisive(flag: Flag) {
        let history = Fixture.monthly(count: 12, lateIndices: [0, 2, 4, 6, 8, 10])
        let input = PolicyCustomer(customer: Fixture.customer(flags: [flag, .vulnerable], installments: history))
        let decision = TreatmentRules().decide(input, asOf: Self.asOf)
        #expect(decision.treatment == .hold)
        #expect(decision.reasons == ["flagged \(flag.rawValue): no collection contact"])
    }
}
