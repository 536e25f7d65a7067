/// The mapping between domain records and the CRDT: which register holds which field, and how
/// events become contacts, promises and satisfaction notes.
///
/// Import writes customers through ``ReplicaState/importEdits(for:assignedAgents:)``; every replica
/// reads them back with ``ReplicaState/customer(_:)``. Keeping both directions in one
/// file keeps them from drifting apart.
extension Customer {
    /// The register value of each stored field, keyed by portfolio key. Absent optionals are omitted.
    public var fieldValues: [String: Value] {
        var v: [String: Value] = [
            "name": .string(name), "timeZone": .string(timeZone),
            "agents": .list(agents.map { .string($0) }), "accounts": .list(accounts.map(\.value)),
        ]
        if let phone { v["phone"] = .string(phone) }
        if let email { v["email"] = .string(email) }
        if let address { v["address"] = .string(address) }
        if let language { v["language"] = .string(language) }
        if let preferredChannel { v["preferredChannel"] = .string(preferredChannel.rawValue) }
        if let contactWindow { v["contactWindow"] = .string(contactWindow.description) }
        if let note { v["note"] = .string(note) }
        return v
    }

    /// Builds a customer from its register values and flags; nil without a name or time zone.
    public init?(id: String, fields: [String: Value], flags: Set<String>) {
        guard let name = fields["name"]?.stringValue, let zone = fields["timeZone"]?.stringValue else { return nil }
        self.init(
            id: id, name: name, phone: fields["phone"]?.stringValue, email: fields["email"]?.stringValue,
            address: fields["address"]?.stringValue, language: fields["language"]?.stringValue, timeZone: zone,
            preferredChannel: fields["preferredChannel"]?.stringValue.flatMap(Channel.init(rawValue:)),
            contactWindow: fields["contactWindow"]?.stringValue.flatMap(ContactWindow.init),
            flags: Set(flags.compactMap(Flag.init(rawValue:))), note: fields["note"]?.stringValue,
            agents: fields["agents"]?.listValue?.compactMap(\.stringValue) ?? [],
            accounts: fields["accounts"]?.listValue?.compactMap(Account.init(value:)) ?? [])
    }
}

extension Account {
    /// The portfolio-format JSON value of this account.
    public var value: Value {
        .object([
            "id": .string(id), "creditor": .string(creditor), "currency": .string(currency), "balance": .int(balance),
            "installments": .list(
                installments.map { i in
                    var o: [String: Value] = ["due": .string(i.due.description), "amount": .int(i.amount)]
                    if let paid = i.paid { o["paid"] = .string(paid.description) }
                    if let paidAmount = i.paidAmount { o["paidAmount"] = .int(paidAmount) }
                    return .object(o)
                }),
        ])
    }

    /// Reads an account written by ``value``; nil if it is not one.
    public init?(value: Value) {
        guard let id = value["id"]?.stringValue, let creditor = value["creditor"]?.stringValue,
            let currency = value["currency"]?.stringValue, let balance = value["balance"]?.intValue
        else { return nil }
        let installments: [Installment] = (value["installments"]?.listValue ?? []).compactMap { i in
            guard let due = i["due"]?.stringValue.flatMap(LocalDate.init), let amount = i["amount"]?.intValue else {
                return nil
            }
            return Installment(
                due: due, amount: amount, paid: i["paid"]?.stringValue.flatMap(LocalDate.init),
                paidAmount: i["paidAmount"]?.intValue)
        }
        self.init(id: id, creditor: creditor, currency: currency, balance: balance, installments: installments)
    }
}

extension ReplicaState {
    /// The customer as currently shown on this replica, or nil if unknown or erased.
    public func customer(_ id: String) -> Customer? {
        Customer(id: id, fields: fields(customer: id), flags: flags(customer: id))
    }

    /// The customer's contacts, oldest first.
    public func contacts(customer: String) -> [Contact] {
        events(customer: customer, entity: .contact).compactMap { change in
            let b = change.value
            guard let at = b["at"]?.stringValue.flatMap(Instant.init),
                let channel = b["channel"]?.stringValue.flatMap(Channel.init(rawValue:)),
                let outcome = b["outcome"]?.stringValue.flatMap(ContactOutcome.init(rawValue:))
            else { return nil }
            return Contact(
                id: change.target.id, customerId: customer, agent: change.agent, at: at, channel: channel,
                direction: b["direction"]?.stringValue.flatMap(ContactDirection.init(rawValue:)) ?? .outbound,
                outcome: outcome, note: b["note"]?.stringValue, location: b["location"]?.stringValue,
                amends: b["amends"]?.stringValue)
        }.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
    }

    /// The customer's promises to pay, oldest first.
    public func promises(customer: String) -> [PromiseToPay] {
        events(customer: customer, entity: .promise).compactMap { change in
            let b = change.value
            guard let contact = b["contactId"]?.stringValue, let amount = b["amount"]?.intValue,
                let date = b["date"]?.stringValue.flatMap(LocalDate.init)
            else { return nil }
            let at = b["at"]?.stringValue.flatMap(Instant.init) ?? change.hlc.instant
            return PromiseToPay(
                id: change.target.id, customerId: customer, contactId: contact, amount: amount, date: date,
                agent: change.agent, at: at)
        }.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
    }

    /// The customer's satisfaction notes with their current score, effort and comment, oldest first.
    public func notes(customer: String) -> [SatisfactionNote] {
        events(customer: customer, entity: .note).compactMap { change in
            let noteFields = fields(customer: customer, entity: .note, id: change.target.id)
            guard let score = noteFields["score"]?.intValue,
                let at = change.value["at"]?.stringValue.flatMap(Instant.init)
            else { return nil }
            return SatisfactionNote(
                id: change.target.id, customerId: customer, score: Int(score),
                effort: noteFields["effort"]?.intValue.map(Int.init), comment: noteFields["comment"]?.stringValue,
                author: change.agent, at: at, contactId: change.value["contactId"]?.stringValue)
        }.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
    }
}
