import FieldAgentCore

/// Checks that a change means something valid in the FieldAgent domain: known fields, types, enums, ranges, sizes.
///
/// The merge engine accepts any well-formed change; the server runs this before storing one, so a
/// bad client cannot put an unknown channel or a CSAT of 9 into everyone's replica. The client
/// runs the same checks on local edits, so what it records is what the server accepts.
public struct ChangeValidator: Sendable {
    /// A refusal: the reason and a sentence naming the field, never its value.
    public typealias Problem = (reason: RejectionReason, detail: String)

    let isKnownZone: @Sendable (String) -> Bool

    /// A validator; `isKnownZone` says whether a time-zone name is valid (for `timeZone` writes).
    public init(isKnownZone: @escaping @Sendable (String) -> Bool) { self.isKnownZone = isKnownZone }

    /// Why the change is invalid (a reason and a sentence), or nil if it is fine.
    public func problem(with change: Change) -> Problem? {
        let t = change.target
        if let p = FieldRules.id(t.customer) { return (.invalidTarget, "customer id \(p)") }
        switch (change.op, t.entity) {
        case (.erase, .customer):
            return nil
        case (.erase, _):
            return (.invalidTarget, "only customers can be erased")
        case (.flag, .customer):
            guard Flag(rawValue: t.field) != nil else { return (.unknownField, "unknown flag") }
            guard change.value.boolValue != nil else { return (.invalidValue, "a flag change needs true or false") }
            return nil
        case (.flag, _):
            return (.invalidTarget, "flags belong to customers")
        case (.set, .customer):
            return customerField(t.field, change.value)
        case (.set, .note):
            return noteField(t.field, change.value)
        case (.set, _):
            return (.invalidTarget, "\(t.entity.name) records cannot be edited; add an amendment instead")
        case (.create, .contact):
            return contactBody(change.value)
        case (.create, .promise):
            return promiseBody(change.value)
        case (.create, .note):
            return noteBody(change.value)
        case (.create, .customer):
            return (.invalidTarget, "customers are created by import")
        }
    }

    func customerField(_ field: String, _ value: Value) -> Problem? {
        let reason = RejectionReason.invalidValue
        if field == "agents" || field == "accounts" {
            return (.readOnlyField, "\(field) is set by the back office")
        }
        guard Customer.editableFields.contains(field) else { return (.unknownField, "unknown field \(field)") }
        if value.isNull {
            return field == "name" || field == "timeZone" ? (reason, "\(field) cannot be cleared") : nil
        }
        guard let s = value.stringValue else { return (reason, "\(field) must be a string") }
        let problem: String?
        switch field {
        case "name": problem = FieldRules.name(s)
        case "phone": problem = FieldRules.phone(s)
        case "email": problem = FieldRules.email(s)
        case "language": problem = FieldRules.language(s)
        case "timeZone": problem = FieldRules.timeZone(s, isKnownZone: isKnownZone)
        case "preferredChannel":
            problem =
                Channel(rawValue: s) == nil
                ? "must be one of \(Channel.allCases.map(\.rawValue).joined(separator: ", "))" : nil
        case "contactWindow": problem = ContactWindow(s) == nil ? "not a window (HH:MM-HH:MM)" : nil
        default: problem = FieldRules.text(s)
        }
        return problem.map { (reason, "\(field): \($0)") }
    }

    func noteField(_ field: String, _ value: Value) -> Problem? {
        switch field {
        case "score": return score(value, "score", required: true)
        case "effort": return score(value, "effort", required: false)
        case "comment":
            if value.isNull { return nil }
            guard let s = value.stringValue else { return (.invalidValue, "comment must be a string") }
            return FieldRules.text(s).map { (.invalidValue, "comment: \($0)") }
        default: return (.unknownField, "unknown note field \(field)")
        }
    }

    func score(_ value: Value, _ name: String, required: Bool) -> Problem? {
        if value.isNull, !required { return nil }
        guard let i = value.intValue, (1...5).contains(i) else { return (.invalidValue, "\(name) must be 1 to 5") }
        return nil
    }

    func contactBody(_ value: Value) -> Problem? {
        do {
            let o = try Node(value, "contact").object(allowed: [
                "at", "channel", "direction", "outcome", "note", "location", "amends", "agent",
            ])
            _ = try o.required("at").parsed("not an RFC 3339 time") { Instant($0) }
            _ = try o.required("channel").enumeration(Channel.self)
            _ = try o.optional("direction")?.enumeration(ContactDirection.self)
            _ = try o.required("outcome").enumeration(ContactOutcome.self)
            _ = try o.optional("note")?.string(FieldRules.text)
            _ = try o.optional("location")?.string(FieldRules.text)
            _ = try o.optional("amends")?.string(FieldRules.id)
            return nil
        } catch {
            return (.invalidValue, error.description)
        }
    }

    func promiseBody(_ value: Value) -> Problem? {
        do {
            let o = try Node(value, "promise").object(allowed: ["contactId", "amount", "date", "at"])
            _ = try o.required("contactId").string(FieldRules.id)
            _ = try o.required("amount").integer(min: 1)
            _ = try o.required("date").date()
            _ = try o.optional("at")?.parsed("not an RFC 3339 time") { Instant($0) }
            return nil
        } catch {
            return (.invalidValue, error.description)
        }
    }

    func noteBody(_ value: Value) -> Problem? {
        do {
            let o = try Node(value, "note").object(allowed: ["at", "contactId"])
            _ = try o.required("at").parsed("not an RFC 3339 time") { Instant($0) }
            _ = try o.optional("contactId")?.string(FieldRules.id)
            return nil
        } catch {
            return (.invalidValue, error.description)
        }
    }
}
