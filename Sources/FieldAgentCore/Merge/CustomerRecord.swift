/// Everything the merge engine holds for one customer.
///
/// `cells` are the live values of the customer's registers (fields, note fields and flags): one per
/// register normally, several when writes were concurrent (a conflict). A customer has a few dozen
/// at most, so a flat array beats a dictionary of arrays for both memory and speed. Events are keyed
/// by id because a long-standing customer collects many.
struct CustomerRecord: Sendable {
    var cells: [Change] = []
    var events: [EventKey: Change] = [:]

    var isEmpty: Bool { cells.isEmpty && events.isEmpty }

    /// Every live change held here.
    func allChanges() -> [Change] { cells + events.values }

    /// The live values of one register.
    func entries(_ op: Operation, _ target: Target) -> [Change] {
        cells.filter { $0.addresses(op, target) }
    }
}
