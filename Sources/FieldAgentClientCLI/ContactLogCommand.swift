import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentPolicy

/// `fieldagent contact log ID --channel C --outcome O`: record a contact (and a promise to pay).
struct ContactLogCommand: ClientCommand {
    static let path = ["contact", "log"]
    static let abstract = "record a contact; prints its id"
    static let synopsis =
        "ID --channel C --outcome O [--note TEXT] [--promise AMOUNT@YYYY-MM-DD] [--direction D] [--location TEXT]"
    static let details = """
        Channels: \(Channel.allCases.map(\.rawValue).joined(separator: ", ")).
        Outcomes: \(ContactOutcome.allCases.map(\.rawValue).joined(separator: ", ")).
        Directions: outbound (default), inbound.
        --promise 50.00@2026-12-10 records a promise to pay 50.00 in the account's currency by that date.
        The compliance guard runs first and warns on stderr with the rule's name, but the contact is always
        recorded: the record is the audit trail.
        """
    static let valuedOptions: Set<String> = [
        "--channel", "--outcome", "--note", "--promise", "--direction", "--location",
    ]

    var id: String
    var channel: Channel
    var outcome: ContactOutcome
    var direction: ContactDirection
    var note: String?
    var location: String?
    var promise: (text: String, date: LocalDate)?

    init(_ a: inout ArgumentCursor) throws(UsageError) {
        id = try a.positional("customer ID")
        guard let c = try a.option("--channel") else { throw UsageError("missing --channel", usage: a.usage) }
        guard let channel = Channel(rawValue: c) else {
            throw UsageError(
                "--channel must be one of \(Channel.allCases.map(\.rawValue).joined(separator: ", "))", usage: a.usage)
        }
        guard let o = try a.option("--outcome") else { throw UsageError("missing --outcome", usage: a.usage) }
        guard let outcome = ContactOutcome(rawValue: o) else {
            throw UsageError(
                "--outcome must be one of \(ContactOutcome.allCases.map(\.rawValue).joined(separator: ", "))",
                usage: a.usage)
        }
        let d = try a.option("--direction") ?? "outbound"
        guard let direction = ContactDirection(rawValue: d) else {
            throw UsageError("--direction must be outbound or inbound", usage: a.usage)
        }
        (self.channel, self.outcome, self.direction) = (channel, outcome, direction)
        note = try a.option("--note")
        location = try a.option("--location")
        if let p = try a.option("--promise") {
            let parts = p.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, let date = LocalDate(parts[1]),
                Money.parse(String(parts[0]), currency: "EUR") != nil
            else { throw UsageError("--promise must look like 50.00@2026-12-10", usage: a.usage) }
            promise = (String(parts[0]), date)
        }
    }

    func run(_ context: ClientContext) async throws -> ExitCode {
        let home = try context.openHome()
        defer { home.close() }
        guard let customer = home.customer(id: id) else { throw CLIError.unknownCustomer(id) }
        var amount: (amount: Int64, date: LocalDate)?
        if let promise {
            let currency = customer.accounts.first?.currency ?? "EUR"
            guard let minor = Money.parse(promise.text, currency: currency), minor > 0 else {
                context.console.err(
                    "error: --promise amount must be positive with at most the decimals \(currency) has")
                return .usage
            }
            amount = (minor, promise.date)
        }
        let input = PolicyCustomer(customer: customer, contacts: home.contacts(customer: id))
        let now = context.now()
        if direction == .outbound {
            let verdict = ComplianceGuard(configuration: context.policy).check(
                input, channel: channel, at: now, lastSync: home.status().lastSync, now: now)
            for finding in verdict.findings {
                context.console.err(context.terminal.paint("warning \(finding.rule.id): \(finding.reason)", .yellow))
            }
        }
        let contactID = try home.logContact(
            customer: id, channel: channel, outcome: outcome, direction: direction, note: note, location: location,
            promise: amount)
        context.console.out(contactID)
        return .success
    }
}
