/// The mapping between a ``Customer`` and the CRDT registers that hold it, in both directions.
///
/// A customer travels as ordinary changes: the back office writes one `set` change per portfolio
/// key (`name`, `phone`, …, `agents` as a list of strings, `accounts` as a list of accounts in the
/// portfolio format) and one `flag` change per flag. Devices read the registers back into a
/// ``Customer``. Both directions live here so that import (server) and display (client) agree.
extension Customer {
    /// Every register key a customer is stored under, in portfolio order.
    public static let registerFields: [String] = [
        "name", "phone", "email", "address", "language", "timeZone", "preferredChannel", "contactWindow", "note",
        "agents", "accounts",
    ]

    /// The value each register should hold for this customer; absent optional fields are `null`.
    public var registerValues: [String: Value] {
        func text(_ s: String?) -> Value { s.map(Value.string) ?? .null }
        return [
            "name": .string(name), "phone": text(phone), "email": text(email), "address": text(address),
            "language": text(language), "timeZone": .string(timeZone),
            "preferredChannel": text(preferredChannel?.rawValue), "contactWindow": text(contactWindow?.description),
            "note": text(note), "agents": .list(agents.map(Value.string)), "accounts": .list(accounts.map(\.json)),
        ]
    }

    /// Builds a customer from register values and flag names, as ``ReplicaState/customer(id:)`` reads them.
    ///
    /// Returns nil without a `name`: a customer the device only knows through events (its back-office
    /// data has not arrived yet) is not shown. A missing `timeZone` reads as `UTC`; values of the wrong
    /// type or unknown enum values read as absent, so one bad register never hides the whole customer.
    public init?(id: String, registers: [String: Value], flags: Set<String>) {
        guard let name = registers["name"]?.stringValue else { return nil }
        self.init(id: id, name: name, timeZone: registers["timeZone"]?.stringValue ?? "UTC")
        phone = registers["phone"]?.stringValue
        email = registers["email"]?.stringValue
        address = registers["address"]?.stringValue
        language = registers["language"]?.stringValue
        preferredChannel = registers["preferredChannel"]?.stringValue.flatMap(Channel.init(rawValue:))
        contactWindow = registers["contactWindow"]?.stringValue.flatMap(ContactWindow.init)
        note = registers["note"]?.stringValue
        agents = registers["agents"]?.listValue?.compactMap(\.stringValue) ?? []
        accounts = registers["accounts"]?.listValue?.compactMap(Account.init(json:)) ?? []
        self.flags = Set(flags.compactMap(Flag.init(rawValue:)))
    }
}

extension Account {
    /// The portfolio-format JSON of the account, as stored in the `accounts` register.
    public var json: Value {
        .object([
            "id": .string(id), "creditor": .string(creditor), "currency": .string(currency), "balance": .int(balance),
            "installments": .list(
                installments.map { installment in
                    var o: [String: Value] = [
                        "due": .string(installment.due.description), "amount": .int(installment.amount),
                    ]
                    if let paid = installment.paid { o["paid"] = .string(paid.description) }
                    if let paidAmount = installment.paidAmount { o["paidAmount"] = .int(paidAmount) }
                    return .object(o)
                }),
        ])
    }

    /// Reads ``json``'s form; nil when a required member is missing or has the wrong type.
    public init?(json: Value) {
        guard let id = json["id"]?.stringValue, let creditor = json["creditor"]?.stringValue,
            let currency = json["currency"]?.stringValue, let balance = json["balance"]?.intValue,
            let items = json["installments"]?.listValue
        else { return nil }
        var installments: [Installment] = []
        for item in items {
            guard let due = item["due"]?.stringValue.flatMap({ LocalDate($0) }), let amount = item["amount"]?.intValue
            else { return nil }
            installments.append(
                Installment(
                    due: due, amount: amount, paid: item["paid"]?.stringValue.flatMap { LocalDate($0) },
                    paidAmount: item["paidAmount"]?.intValue))
        }
        self.init(id: id, creditor: creditor, currency: currency, balance: balance, installments: installments)
    }
}

extension ReplicaState {
    /// The customer as its registers currently show it (each field's winning value), or nil when
    /// the customer is unknown, erased or has no back-office data yet.
    public func customer(id: String) -> Customer? {
        guard !isErased(id) else { return nil }
        return Customer(id: id, registers: fields(customer: id), flags: flags(customer: id))
    }

    /// Records, as local changes by `agent`, what it takes for the registers to show `customer`:
    /// one `set` per field whose shown value differs and one `flag` per flag not yet present.
    ///
    /// Importing the same customer twice therefore writes nothing the second time. Flags are only
    /// added, never removed: an agent's restrictive flag must not disappear because a ledger
    /// export omits it. Returns the changes made, for logging and replication.
    public mutating func importChanges(for customer: Customer, agent: String, wallMillis: Int64) -> [Change] {
        var out: [Change] = []
        let wanted = customer.registerValues
        for field in Customer.registerFields {
            let target = Target(customer: customer.id, field: field)
            let value = wanted[field] ?? .null
            let current = values(target)
            if current.count == 1, current[0].value == value { continue }
            if current.isEmpty, value.isNull { continue }
            out.append(set(target, to: value, agent: agent, wallMillis: wallMillis))
        }
        let present = flags(customer: customer.id)
        for flag in customer.flags.map(\.rawValue).sorted() where !present.contains(flag) {
            out.append(setFlag(customer: customer.id, flag: flag, present: true, agent: agent, wallMillis: wallMillis))
        }
        return out
    }
}
