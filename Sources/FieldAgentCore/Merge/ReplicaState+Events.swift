/// Reading a customer's events (contacts, promises, satisfaction notes) as model values.
///
/// Events travel as `create` changes whose bodies follow protocol.md; a note's score, effort and
/// comment are registers on the note. Bodies that do not parse (a newer client's extension, say)
/// are skipped rather than failing the whole listing.
extension ReplicaState {
    /// The customer's contacts, oldest first (then by id).
    public func contacts(customer: String) -> [Contact] {
        events(customer: customer, entity: .contact).compactMap { change -> Contact? in
            let body = change.value
            guard let at = body["at"]?.stringValue.flatMap({ Instant($0) }),
                let channel = body["channel"]?.stringValue.flatMap(Channel.init(rawValue:)),
                let outcome = body["outcome"]?.stringValue.flatMap(ContactOutcome.init(rawValue:))
            else { return nil }
            return Contact(
                id: change.target.id, customerId: customer, agent: change.agent, at: at, channel: channel,
                direction: body["direction"]?.stringValue.flatMap(ContactDirection.init(rawValue:)) ?? .outbound,
                outcome: outcome, note: body["note"]?.stringValue, location: body["location"]?.stringValue,
                amends: body["amends"]?.stringValue)
        }.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
    }

    /// The customer's promises to pay, by date (then id).
    public func promises(customer: String) -> [PromiseToPay] {
        events(customer: customer, entity: .promise).compactMap { change -> PromiseToPay? in
            let body = change.value
            guard let contactID = body["contactId"]?.stringValue, let amount = body["amount"]?.intValue,
                let date = body["date"]?.stringValue.flatMap({ LocalDate($0) })
            else { return nil }
            let at = body["at"]?.stringValue.flatMap { Instant($0) } ?? change.hlc.instant
            return PromiseToPay(
                id: change.target.id, customerId: customer, contactId: contactID, amount: amount, date: date,
                agent: change.agent, at: at)
        }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    }

    /// The customer's satisfaction notes with their current (winning) score, effort and comment, oldest first.
    public func notes(customer: String) -> [SatisfactionNote] {
        events(customer: customer, entity: .note).compactMap { change -> SatisfactionNote? in
            let id = change.target.id
            let registers = fields(customer: customer, entity: .note, id: id)
            guard let at = change.value["at"]?.stringValue.flatMap({ Instant($0) }),
                let score = registers["score"]?.intValue
            else { return nil }
            return SatisfactionNote(
                id: id, customerId: customer, score: Int(score), effort: registers["effort"]?.intValue.map { Int($0) },
                comment: registers["comment"]?.stringValue, author: change.agent, at: at,
                contactId: change.value["contactId"]?.stringValue)
        }.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
    }
}
