/// Everything the merge engine holds for one customer.
///
/// A register's entries are the values no applied change has replaced: one normally, several
/// when writes were concurrent (a conflict). Flags use the same registers over booleans and read
/// add-wins: present when any surviving entry is `true`.
struct CustomerRecord: Sendable {
    var registers: [RegisterKey: [Change]] = [:]
    var flags: [String: [Change]] = [:]
    var events: [EventKey: Change] = [:]

    var isEmpty: Bool { registers.isEmpty && flags.isEmpty && events.isEmpty }

    /// Every live change held here.
    func allChanges() -> [Change] {
        var out: [Change] = []
        for entries in registers.values { out.append(contentsOf: entries) }
        for entries in flags.values { out.append(contentsOf: entries) }
        out.append(contentsOf: events.values)
        return out
    }
}
