/// Reads a portfolio import document strictly, reporting the path of the first error.
///
/// Unknown keys are errors too: a misspelt `phon` must not be silently ignored in a legal record.
/// `isKnownZone` is passed in so the core stays free of time-zone database access.
public struct PortfolioReader {
    let isKnownZone: (String) -> Bool

    public init(isKnownZone: @escaping (String) -> Bool) { self.isKnownZone = isKnownZone }

    /// Parses and validates `bytes` as a portfolio.
    public func read(_ bytes: [UInt8]) throws(ValidationError) -> Portfolio {
        var scanner = PortfolioScanner(reader: self)
        var pending: [UInt8]? = bytes
        var customers: [Customer] = []
        while let customer = try scanner.next(more: { () throws(ValidationError) -> [UInt8]? in
            defer { pending = nil }
            return pending
        }) {
            customers.append(customer)
        }
        return Portfolio(customers: customers)
    }

    public func portfolio(_ root: Value) throws(ValidationError) -> Portfolio {
        let top = try Node(root, "").object(allowed: ["customers"])
        let list = try top.required("customers").list()
        var customers: [Customer] = []
        var customerIds = Set<String>()
        var accountIds = Set<String>()
        for (index, item) in list.enumerated() {
            let customer = try self.customer(item)
            guard customerIds.insert(customer.id).inserted else {
                throw ValidationError(path: "customers[\(index)].id", problem: "duplicate customer id")
            }
            for (a, account) in customer.accounts.enumerated() where !accountIds.insert(account.id).inserted {
                throw ValidationError(path: "customers[\(index)].accounts[\(a)].id", problem: "duplicate account id")
            }
            customers.append(customer)
        }
        return Portfolio(customers: customers)
    }

    func customer(_ node: Node) throws(ValidationError) -> Customer {
        let o = try node.object(allowed: [
            "id", "name", "phone", "email", "address", "language", "timeZone", "preferredChannel", "contactWindow",
            "flags", "note", "agent", "agents", "accounts",
        ])
        let id = try o.required("id").string(FieldRules.id)
        let name = try o.required("name").string(FieldRules.name)
        let phone = try o.optional("phone")?.string(FieldRules.phone)
        let email = try o.optional("email")?.string(FieldRules.email)
        let address = try o.optional("address")?.string(FieldRules.text)
        let language = try o.optional("language")?.string(FieldRules.language)
        let zone = try o.required("timeZone").string { FieldRules.timeZone($0, isKnownZone: isKnownZone) }
        let channel = try o.optional("preferredChannel")?.enumeration(Channel.self)
        let window = try o.optional("contactWindow")?.parsed("not a window (HH:MM-HH:MM, start before end)") {
            ContactWindow($0)
        }
        var flags = Set<Flag>()
        if let list = try o.optional("flags")?.list() {
            for item in list {
                guard flags.insert(try item.enumeration(Flag.self)).inserted else {
                    throw item.error("duplicate flag")
                }
            }
        }
        let note = try o.optional("note")?.string(FieldRules.text)
        var agents: [String] = []
        if let single = o.optional("agent") {
            guard o.members["agents"] == nil else { throw single.error("give either agent or agents, not both") }
            agents = [try single.string(FieldRules.id)]
        } else if let many = try o.optional("agents")?.list() {
            for item in many {
                let agent = try item.string(FieldRules.id)
                guard !agents.contains(agent) else { throw item.error("duplicate agent") }
                agents.append(agent)
            }
        }
        var accounts: [Account] = []
        for item in try o.optional("accounts")?.list() ?? [] { accounts.append(try account(item)) }
        return Customer(
            id: id, name: name, phone: phone, email: email, address: address, language: language, timeZone: zone,
            preferredChannel: channel, contactWindow: window, flags: flags, note: note, agents: agents,
            accounts: accounts)
    }

    func account(_ node: Node) throws(ValidationError) -> Account {
        let o = try node.object(allowed: ["id", "creditor", "currency", "balance", "installments"])
        let id = try o.required("id").string(FieldRules.id)
        let creditor = try o.required("creditor").string(FieldRules.name)
        let currency = try o.required("currency").string(FieldRules.currency)
        let balance = try o.required("balance").integer(min: 0)
        var installments: [Installment] = []
        for item in try o.optional("installments")?.list() ?? [] {
            let i = try item.object(allowed: ["due", "amount", "paid", "paidAmount"])
            let due = try i.required("due").date()
            let amount = try i.required("amount").integer(min: 1)
            let paid = try i.optional("paid")?.date()
            let paidAmount = try i.optional("paidAmount")?.integer(min: 1)
            if paid != nil, paidAmount == nil { throw i.node.error("paid is set but paidAmount is missing") }
            if paid == nil, paidAmount != nil { throw i.node.error("paidAmount is set but paid is missing") }
            installments.append(Installment(due: due, amount: amount, paid: paid, paidAmount: paidAmount))
        }
        return Account(id: id, creditor: creditor, currency: currency, balance: balance, installments: installments)
    }
}

/// A value with the path that leads to it, so every check can name where it failed.
///
/// `package` so the wire decoders in FieldAgentProtocol name failing members the same way.
package struct Node {
    package let value: Value
    package let path: String

    package init(_ value: Value, _ path: String) {
        self.value = value
        self.path = path
    }

    package func error(_ problem: String) -> ValidationError { ValidationError(path: path, problem: problem) }

    /// The value as an object whose unknown keys are ignored (answers a newer peer may extend).
    package func lenientObject() throws(ValidationError) -> ObjectNode {
        guard case .object(let members) = value else { throw error("expected an object, found \(value.typeName)") }
        return ObjectNode(node: self, members: members)
    }

    package func object(allowed: Set<String>) throws(ValidationError) -> ObjectNode {
        guard case .object(let members) = value else { throw error("expected an object, found \(value.typeName)") }
        for key in members.keys.sorted() where !allowed.contains(key) {
            throw ValidationError(path: child(key), problem: "unknown key")
        }
        return ObjectNode(node: self, members: members)
    }

    package func list() throws(ValidationError) -> [Node] {
        guard case .list(let items) = value else { throw error("expected an array, found \(value.typeName)") }
        return items.enumerated().map { Node($1, "\(path)[\($0)]") }
    }

    package func string(_ rule: (String) -> String?) throws(ValidationError) -> String {
        guard case .string(let s) = value else { throw error("expected a string, found \(value.typeName)") }
        if let problem = rule(s) { throw error(problem) }
        return s
    }

    package func parsed<T>(_ problem: String, _ parse: (String) -> T?) throws(ValidationError) -> T {
        guard case .string(let s) = value else { throw error("expected a string, found \(value.typeName)") }
        guard let result = parse(s) else { throw error(problem) }
        return result
    }

    package func date() throws(ValidationError) -> LocalDate { try parsed("not a date") { LocalDate($0) } }

    package func enumeration<E: RawRepresentable & CaseIterable>(_: E.Type) throws(ValidationError) -> E
    where E.RawValue == String {
        try parsed("must be one of \(E.allCases.map(\.rawValue).joined(separator: ", "))") { E(rawValue: $0) }
    }

    package func integer(min: Int64) throws(ValidationError) -> Int64 {
        guard case .int(let i) = value else {
            if case .double = value { throw error("expected a whole number of minor units") }
            throw error("expected an integer, found \(value.typeName)")
        }
        guard i >= min else { throw error(min == 0 ? "must not be negative" : "must be at least \(min)") }
        return i
    }

    package func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

/// An object ``Node`` whose members can be looked up with their paths.
package struct ObjectNode {
    package let node: Node
    package let members: JSONObject

    package func required(_ key: String) throws(ValidationError) -> Node {
        guard let v = members[key], !v.isNull else {
            throw ValidationError(path: node.child(key), problem: "is required")
        }
        return Node(v, node.child(key))
    }

    package func optional(_ key: String) -> Node? {
        guard let v = members[key], !v.isNull else { return nil }
        return Node(v, node.child(key))
    }
}
