/// The four kinds of change the merge engine knows.
public enum Operation: UInt8, CaseIterable, Sendable {
    /// Write a scalar field (a multi-value register). `replaces` names the values the writer saw.
    case set = 0
    /// Add (`true`) or remove (`false`) a flag; the field is the flag name. Add wins over a concurrent removal.
    case flag = 1
    /// Create an event (contact, promise, note) once; duplicates are ignored.
    case create = 2
    /// Erase a customer: purge its personal data everywhere and drop every later change aimed at it.
    case erase = 3

    /// The wire name: `set`, `flag`, `create`, `erase`.
    public var name: String {
        switch self {
        case .set: "set"
        case .flag: "flag"
        case .create: "create"
        case .erase: "erase"
        }
    }

    public init?(name: String) {
        guard let op = Operation.allCases.first(where: { $0.name == name }) else { return nil }
        self = op
    }
}
