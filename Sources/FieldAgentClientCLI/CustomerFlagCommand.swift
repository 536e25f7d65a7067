import FieldAgentCommandKit
import FieldAgentCore

/// `fieldagent customer flag ID +FLAG|-FLAG`: add or remove flags.
struct CustomerFlagCommand: ClientCommand {
    static let path = ["customer", "flag"]
    static let abstract = "add (+FLAG) or remove (-FLAG) a flag"
    static let synopsis = "ID +FLAG|-FLAG..."
    static let details =
        "Flags: \(Flag.allCases.map(\.rawValue).joined(separator: ", ")). A flag added on any device survives a concurrent removal."

    var id: String
    var flags: [(Flag, Bool)]

    init(_ a: inout ArgumentCursor) throws(UsageError) {
        id = try a.positional("customer ID")
        let rest = a.remainingPositionals()
        guard !rest.isEmpty else { throw UsageError("missing +FLAG or -FLAG", usage: a.usage) }
        flags = try rest.map { (item: String) throws(UsageError) -> (Flag, Bool) in
            guard let sign = item.first, sign == "+" || sign == "-", let flag = Flag(rawValue: String(item.dropFirst()))
            else {
                throw UsageError(
                    "expected +FLAG or -FLAG with FLAG one of \(Flag.allCases.map(\.rawValue).joined(separator: ", "))",
                    usage: a.usage)
            }
            return (flag, sign == "+")
        }
    }

    func run(_ context: ClientContext) async throws -> ExitCode {
        let home = try context.openHome()
        defer { home.close() }
        for (flag, present) in flags { _ = try home.setFlag(customer: id, flag: flag, present: present) }
        let now = home.customer(id: id)?.flags.map(\.rawValue).sorted().joined(separator: ", ") ?? ""
        context.console.out("Flags of \(id): \(now.isEmpty ? "none" : now).")
        return .success
    }
}
