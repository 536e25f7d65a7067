import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentServer

/// `fieldagent-server import FILE`: load or update a portfolio (SPEC.md → Portfolio import format).
struct ImportCommand: ServerCommand {
    static let path = ["import"]
    static let abstract = "import a portfolio JSON file; idempotent; an invalid file changes nothing"
    static let synopsis = "FILE --data DIR [--json]"
    static let details = """
        Importing the same file twice changes nothing; new installments or balances update the customers.
        An invalid file is rejected whole, with the path of the first error, e.g.
        customers[3].accounts[0].installments[2].due: not a date
        """
    static let valuedOptions: Set<String> = ["--data"]

    var file: String
    var data: String
    var json: Bool

    init(_ a: inout ArgumentCursor) throws(UsageError) {
        file = try a.positional("FILE")
        data = try a.dataDirectory()
        json = try a.flag("--json")
    }

    func run(_ context: ServerContext) throws -> ExitCode {
        let summary = try context.admin(data).importPortfolio(path: file)
        if json {
            context.console.json(summary.json)
        } else {
            context.console.out(ImportCommand.describe(summary.json))
        }
        return .success
    }

    /// One sentence from the import summary's counters.
    static func describe(_ summary: Value) -> String {
        let parts = (summary.objectValue ?? [:]).keys.sorted().compactMap { key -> String? in
            guard let n = summary[key]?.intValue else { return nil }
            return "\(key) \(n)"
        }
        return "Imported: " + parts.joined(separator: ", ") + "."
    }
}
