import FieldAgentCore

/// Contacts as they stand after amendments: the audit trail read for counting.
///
/// An amendment (a contact whose `amends` names another) corrects the contact it names: the corrected
/// record keeps the original's id and time and takes the amendment's other fields. Chains of amendments
/// apply in order of their times; an amendment of an unknown contact counts as a contact of its own.
public enum ContactHistory {
    /// The effective contacts, oldest first.
    public static func effective(_ contacts: [Contact]) -> [Contact] {
        guard contacts.contains(where: { $0.amends != nil }) else {
            return contacts.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
        }
        var byId: [String: Contact] = [:]
        for contact in contacts where contact.amends == nil { byId[contact.id] = contact }
        var target: [String: String] = [:]  // amendment id → original id
        for amendment in contacts.filter({ $0.amends != nil }).sorted(by: { ($0.at, $0.id) < ($1.at, $1.id) }) {
            var root = amendment.amends!
            var seen: Set<String> = [amendment.id]
            while let next = target[root], seen.insert(root).inserted { root = next }
            if var original = byId[root] {
                original.agent = amendment.agent
                original.channel = amendment.channel
                original.direction = amendment.direction
                original.outcome = amendment.outcome
                original.note = amendment.note
                original.location = amendment.location
                byId[root] = original
                target[amendment.id] = root
            } else {
                var own = amendment
                own.amends = nil
                byId[amendment.id] = own
            }
        }
        return byId.values.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
    }
}
