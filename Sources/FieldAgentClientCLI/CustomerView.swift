import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentPolicy

/// JSON and text forms of customers, contacts, promises and notes, with the treatment and its reasons.
struct CustomerView {
    var terminal: Terminal
    var policy: PolicyConfiguration
    var today: LocalDate

    /// The SPEC's `customer show --json` document: portfolio keys plus events and treatment.
    func json(_ input: PolicyCustomer, decision: TreatmentDecision) -> Value {
        var o = input.customer.fieldValues
        o["id"] = .string(input.customer.id)
        o["flags"] = .list(input.customer.flags.map(\.rawValue).sorted().map { .string($0) })
        o["treatment"] = decision.value
        o["contacts"] = .list(input.contacts.map(contactJSON))
        o["notes"] = .list(input.notes.map(noteJSON))
        o["promises"] = .list(
            zip(input.promises, promiseStatuses(input)).map { p, status in
                .object([
                    "id": .string(p.id), "contactId": .string(p.contactId), "amount": .int(p.amount),
                    "date": .string(p.date.description), "agent": .string(p.agent), "at": .string(p.at.description),
                    "status": .string(status.rawValue),
                ])
            })
        return .object(o)
    }

    /// Each promise's status as of today: kept, broken or open, from the customer's payments.
    func promiseStatuses(_ input: PolicyCustomer) -> [PromiseStatus] {
        let payments = Payment.all(in: input.customer.accounts)
        let clock = TimeZoneClock(identifier: input.customer.timeZone)
        return input.promises.map { p in
            PromiseStatus.of(p, madeOn: clock.wallTime(at: p.at).date, payments: payments, asOf: today)
        }
    }

    func contactJSON(_ c: Contact) -> Value {
        var o: [String: Value] = [
            "id": .string(c.id), "agent": .string(c.agent), "at": .string(c.at.description),
            "channel": .string(c.channel.rawValue), "direction": .string(c.direction.rawValue),
            "outcome": .string(c.outcome.rawValue),
        ]
        if let note = c.note { o["note"] = .string(note) }
        if let location = c.location { o["location"] = .string(location) }
        if let amends = c.amends { o["amends"] = .string(amends) }
        return .object(o)
    }

    func noteJSON(_ n: SatisfactionNote) -> Value {
        var o: [String: Value] = [
            "id": .string(n.id), "score": .int(Int64(n.score)), "author": .string(n.author),
            "at": .string(n.at.description),
        ]
        if let effort = n.effort { o["effort"] = .int(Int64(effort)) }
        if let comment = n.comment { o["comment"] = .string(comment) }
        if let contact = n.contactId { o["contactId"] = .string(contact) }
        return .object(o)
    }

    /// A local time in the customer's zone, e.g. `2026-11-29 17:05 Europe/Helsinki`.
    func local(_ instant: Instant, _ zone: String) -> String {
        "\(TimeZoneClock(identifier: zone).wallTime(at: instant)) \(zone)"
    }

    /// The human page for one customer.
    func text(_ input: PolicyCustomer, decision: TreatmentDecision) -> String {
        let c = input.customer
        var lines: [String] = []
        lines.append(
            terminal.paint("\(c.id)  \(c.name)", .bold) + "  " + TreatmentStyle.badge(decision.treatment, terminal))
        for reason in decision.reasons { lines.append("  why: \(reason)") }
        var t = TextTable(["field", "value"])
        let fields = c.fieldValues
        for key in Customer.editableFields where key != "name" {
            t.add([key, fields[key]?.stringValue ?? "—"])
        }
        t.add(["flags", c.flags.isEmpty ? "—" : c.flags.map(\.rawValue).sorted().joined(separator: ", ")])
        t.add(["agents", c.agents.joined(separator: ", ")])
        lines.append(t.render { terminal.paint($0, .dim) })
        let b = decision.behaviour
        lines.append(
            "Payment behaviour: \(b.latePayments) late in 12 months, \(b.daysPastDue) days past due, "
                + "\(b.brokenPromises) broken promise(s) in 6 months, worst \(b.worstDaysLate) days late")
        for account in c.accounts {
            lines.append(
                "Account \(account.id) (\(account.creditor)): balance \(Money.format(account.balance, currency: account.currency))"
            )
            var it = TextTable(["due", "amount", "paid", "paid amount"], alignments: [.left, .right, .left, .right])
            for i in account.installments.suffix(6) {
                it.add([
                    i.due.description, Money.format(i.amount, currency: account.currency),
                    i.paid?.description ?? "unpaid",
                    i.paidAmount.map { Money.format($0, currency: account.currency) } ?? "",
                ])
            }
            lines.append(
                it.render { terminal.paint($0, .dim) }.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        }
        let currency = c.accounts.first?.currency ?? "EUR"
        if !input.contacts.isEmpty {
            lines.append(terminal.paint("Contacts", .bold))
            for k in input.contacts.suffix(10) {
                lines.append(
                    "  \(local(k.at, c.timeZone))  \(k.channel.rawValue) \(k.outcome.rawValue) by \(k.agent)"
                        + (k.note.map { ": \($0)" } ?? ""))
            }
        }
        if !input.promises.isEmpty {
            lines.append(terminal.paint("Promises", .bold))
            for (p, status) in zip(input.promises, promiseStatuses(input)) {
                lines.append("  \(Money.format(p.amount, currency: currency)) by \(p.date): \(status.rawValue)")
            }
        }
        if !input.notes.isEmpty {
            lines.append(terminal.paint("Satisfaction", .bold))
            for n in input.notes {
                lines.append(
                    "  \(local(n.at, c.timeZone))  CSAT \(n.score)/5 by \(n.author)"
                        + (n.comment.map { ": \($0)" } ?? ""))
            }
        }
        return lines.joined(separator: "\n")
    }
}
