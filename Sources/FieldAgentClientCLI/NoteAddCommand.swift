import FieldAgentCommandKit

/// `fieldagent note add ID --score 1-5`: record customer satisfaction.
struct NoteAddCommand: ClientCommand {
    static let path = ["note", "add"]
    static let abstract = "record a satisfaction score (CSAT 1-5); prints the note id"
    static let synopsis = "ID --score 1-5 [--comment TEXT] [--effort 1-5] [--contact CONTACT_ID]"
    static let valuedOptions: Set<String> = ["--score", "--comment", "--effort", "--contact"]

    var id: String
    var score: Int
    var effort: Int?
    var comment: String?
    var contact: String?

    init(_ a: inout ArgumentCursor) throws(UsageError) {
        id = try a.positional("customer ID")
        guard let s = try a.option("--score") else { throw UsageError("missing --score", usage: a.usage) }
        guard let score = Int(s), (1...5).contains(score) else {
            throw UsageError("--score must be a whole number from 1 to 5", usage: a.usage)
        }
        self.score = score
        if let e = try a.option("--effort") {
            guard let effort = Int(e), (1...5).contains(effort) else {
                throw UsageError("--effort must be a whole number from 1 to 5", usage: a.usage)
            }
            self.effort = effort
        }
        comment = try a.option("--comment")
        contact = try a.option("--contact")
    }

    func run(_ context: ClientContext) async throws -> ExitCode {
        let home = try context.openHome()
        defer { home.close() }
        let noteID = try home.addNote(customer: id, score: score, effort: effort, comment: comment, contact: contact)
        context.console.out(noteID)
        return .success
    }
}
