// A minimal entry point so end-to-end tests can run the real binary; the CLI target replaces it.
import FieldAgentCore
import FieldAgentServer
import FieldAgentSystem
import Foundation

func fail(_ message: String, code: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("fieldagent-server: \(message)\n".utf8))
    exit(code)
}

var words = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let index = words.firstIndex(of: name) else { return nil }
    guard index + 1 < words.count else { fail("\(name) needs a value", code: 2) }
    let value = words[index + 1]
    words.removeSubrange(index...index + 1)
    return value
}
let json = words.contains("--json")
words.removeAll { $0 == "--json" }
guard let data = option("--data") else { fail("usage: fieldagent-server COMMAND … --data DIR", code: 2) }
let listen = option("--listen") ?? "127.0.0.1:8080"
let client = AdminClient(dataDirectory: data)

do {
    switch (words.first, words.count) {
    case ("serve", 1):
        let address = try SocketAddress(parsing: listen)
        let server = try SyncServer(dataDirectory: data, listen: address)
        try server.shutdownOnSignals()
        FileHandle.standardError.write(Data("fieldagent-server: listening on \(server.address)\n".utf8))
        try server.run()
    case ("agent", 3) where words[1] == "add": print(try client.addAgent(name: words[2]))
    case ("agent", 3) where words[1] == "revoke": try client.revokeAgent(name: words[2])
    case ("agent", 2) where words[1] == "list":
        let agents = try client.listAgents()
        if json {
            print(JSON.string(.list(agents.map(\.json))))
        } else {
            for agent in agents { print("\(agent.name)\t\(agent.revoked ? "revoked" : "active")\t\(agent.customers)") }
        }
    case ("import", 2): print(JSON.string(try client.importPortfolio(path: words[1]).json))
    case ("assign", 3): try client.assign(customer: words[1], agent: words[2])
    case ("unassign", 3): try client.unassign(customer: words[1], agent: words[2])
    case ("erase", 2): try client.erase(customer: words[1])
    case ("kpi", 1):
        let today = Instant(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000)).utcDate
        let from = option("--from").flatMap { LocalDate($0) } ?? today.adding(days: -30)
        let to = option("--to").flatMap { LocalDate($0) } ?? today
        print(JSON.string(try client.kpi(from: from, to: to), pretty: !json))
    default:
        fail("unknown command; see SPEC.md → Command-line contract", code: 2)
    }
} catch {
    fail("\(error)")
}
