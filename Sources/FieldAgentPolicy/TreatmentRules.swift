import FieldAgentCore

/// Decides a customer's ``Treatment`` from flags and ``PaymentBehaviour`` with SPEC.md's five rules.
///
/// The first rule that matches wins:
/// 1. `hold`: any flag in `Flag.holding`.
/// 2. `care`: any flag in `Flag.caring`.
/// 3. `understanding`: late payments ≤ `understandingMaxLatePayments` (1) and broken promises
///    ≤ `understandingMaxBrokenPromises` (0) and days past due ≤ `understandingMaxDaysPastDue` (30).
/// 4. `decisive`: late payments ≥ `decisiveMinLatePayments` (4), or broken promises
///    ≥ `decisiveMinBrokenPromises` (2), or days past due > `decisiveDaysPastDueAbove` (60).
/// 5. `standard`: everything else.
///
/// Reasons never contain personal data: only flags, counts and thresholds.
public struct TreatmentRules: Sendable {
    public var configuration: PolicyConfiguration

    /// Rules with the thresholds of `configuration`.
    public init(configuration: PolicyConfiguration = .standard) { self.configuration = configuration }

    /// The treatment of `input` as of `asOf`.
    public func decide(_ input: PolicyCustomer, asOf: LocalDate) -> TreatmentDecision {
        decide(
            flags: input.customer.flags,
            behaviour: PaymentBehaviour(of: input, asOf: asOf, configuration: configuration))
    }

    /// Only the treatment of `input` as of `asOf`, without the reasons: what KPIs group by.
    public func treatment(of input: PolicyCustomer, asOf: LocalDate) -> Treatment {
        treatment(
            flags: input.customer.flags,
            behaviour: PaymentBehaviour(of: input, asOf: asOf, configuration: configuration))
    }

    /// The first of the five rules that matches. ``decide(flags:behaviour:)`` explains the same choice.
    public func treatment(flags: Set<Flag>, behaviour b: PaymentBehaviour) -> Treatment {
        if !flags.isDisjoint(with: Flag.holding) { return .hold }
        if !flags.isDisjoint(with: Flag.caring) { return .care }
        if isUnderstanding(b) { return .understanding }
        if isDecisive(b) { return .decisive }
        return .standard
    }

    /// Rule 3: at most the allowed late payments and broken promises, and not too long past due.
    private func isUnderstanding(_ b: PaymentBehaviour) -> Bool {
        let c = configuration
        return b.latePayments <= c.understandingMaxLatePayments
            && b.brokenPromises <= c.understandingMaxBrokenPromises && b.daysPastDue <= c.understandingMaxDaysPastDue
    }

    /// Rule 4: many late payments, or several broken promises, or long past due.
    private func isDecisive(_ b: PaymentBehaviour) -> Bool {
        let c = configuration
        return b.latePayments >= c.decisiveMinLatePayments || b.brokenPromises >= c.decisiveMinBrokenPromises
            || b.daysPastDue > c.decisiveDaysPastDueAbove
    }

    /// The treatment for `flags` and an already computed `behaviour`, with its reasons.
    public func decide(flags: Set<Flag>, behaviour b: PaymentBehaviour) -> TreatmentDecision {
        let c = configuration
        func decision(_ t: Treatment, _ reasons: [String]) -> TreatmentDecision {
            TreatmentDecision(treatment: t, reasons: reasons, ruleSetVersion: c.version, behaviour: b)
        }
        let chosen = treatment(flags: flags, behaviour: b)
        if chosen == .hold {
            let holding = flags.intersection(Flag.holding).map(\.rawValue).sorted()
            return decision(.hold, ["flagged \(holding.joined(separator: ", ")): no collection contact"])
        }
        if chosen == .care {
            let caring = flags.intersection(Flag.caring).map(\.rawValue).sorted()
            return decision(
                .care,
                [
                    "flagged \(caring.joined(separator: ", ")): forbearance and debt advice, visits by appointment only",
                    summary(b),
                ])
        }
        let window = "in \(months(c.lateWindowMonths))"
        let promiseWindow = "in \(months(c.brokenPromiseWindowMonths))"
        if chosen == .understanding {
            var reasons: [String] = []
            if b.latePayments == 0 {
                reasons.append("no late payments \(window) (\(count(b.onTimePayments, "on-time payment")))")
            } else if b.latePayments == 1, b.latestDecidedWasLate {
                reasons.append("first late payment after \(count(b.onTimePayments, "on-time payment")) \(window)")
            } else {
                reasons.append(
                    "\(count(b.latePayments, "late payment")) and \(count(b.onTimePayments, "on-time payment")) \(window)"
                )
            }
            reasons.append(
                b.brokenPromises == 0
                    ? "no broken promises \(promiseWindow)"
                    : "\(count(b.brokenPromises, "broken promise")) \(promiseWindow)")
            reasons.append(
                "\(count(b.daysPastDue, "day")) past due (understanding up to \(c.understandingMaxDaysPastDue))")
            return decision(.understanding, reasons)
        }
        var decisive: [String] = []
        if b.latePayments >= c.decisiveMinLatePayments {
            decisive.append(
                "\(count(b.latePayments, "late payment")) \(window) (\(c.decisiveMinLatePayments) or more is decisive)")
        }
        if b.brokenPromises >= c.decisiveMinBrokenPromises {
            decisive.append(
                "\(count(b.brokenPromises, "broken promise")) \(promiseWindow) (\(c.decisiveMinBrokenPromises) or more is decisive)"
            )
        }
        if b.daysPastDue > c.decisiveDaysPastDueAbove {
            decisive.append(
                "\(count(b.daysPastDue, "day")) past due (more than \(c.decisiveDaysPastDueAbove) is decisive)")
        }
        if chosen == .decisive {
            decisive.append("contact within \(count(c.decisiveContactWithinDays, "day"))")
            return decision(.decisive, decisive)
        }
        var standard: [String] = []
        if b.latePayments > c.understandingMaxLatePayments {
            standard.append(
                "\(count(b.latePayments, "late payment")) \(window) (understanding allows \(c.understandingMaxLatePayments), decisive from \(c.decisiveMinLatePayments))"
            )
        }
        if b.brokenPromises > c.understandingMaxBrokenPromises {
            standard.append(
                "\(count(b.brokenPromises, "broken promise")) \(promiseWindow) (understanding allows \(c.understandingMaxBrokenPromises), decisive from \(c.decisiveMinBrokenPromises))"
            )
        }
        if b.daysPastDue > c.understandingMaxDaysPastDue {
            standard.append(
                "\(count(b.daysPastDue, "day")) past due (understanding up to \(c.understandingMaxDaysPastDue), decisive above \(c.decisiveDaysPastDueAbove))"
            )
        }
        return decision(.standard, standard)
    }

    /// A one-line behaviour summary for treatments decided by flags.
    private func summary(_ b: PaymentBehaviour) -> String {
        "payment behaviour: \(count(b.latePayments, "late payment")) in \(months(configuration.lateWindowMonths)), "
            + "\(count(b.daysPastDue, "day")) past due, \(count(b.brokenPromises, "broken promise")) in "
            + months(configuration.brokenPromiseWindowMonths)
    }

    private func months(_ n: Int) -> String { count(n, "month") }
}

/// `1 day`, `2 days`: a count with its noun, singular or plural.
func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }
