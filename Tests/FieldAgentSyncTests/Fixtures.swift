import FieldAgentCore
import FieldAgentSync
import FieldAgentTestSupport
import Foundation
import Synchronization

/// A settable clock for `now:` parameters.
final class TestClock: Sendable {
    let millis: Mutex<Int64>

    init(_ millis: Int64 = 1_795_941_000_000) { self.millis = Mutex(millis) }

    var now: @Sendable () -> Instant { { [self] in Instant(millisecondsSinceEpoch: millis.withLock { $0 }) } }

    func advance(seconds: Int64) { millis.withLock { $0 += seconds * 1000 } }
}

enum Sample {
    static func customer(_ id: String, agents: [String], name: String = "Aino Virtanen") -> Customer {
        Customer(
            id: id, name: name, phone: "+358401234567", email: "aino@example.fi", address: "Hameenkatu 1, Tampere",
            language: "fi", timeZone: "Europe/Helsinki", preferredChannel: .sms,
            contactWindow: ContactWindow("17:00-19:00"), agents: agents,
            accounts: [
                Account(
                    id: "A-\(id)", creditor: "Kauppa Oy", currency: "EUR", balance: 45_000,
                    installments: [Installment(due: LocalDate("2026-01-15")!, amount: 15_000)])
            ])
    }

    static let token = String(repeating: "ab", count: 32)

    /// A home for `agent` whose clock is `clock`, holding the token `server` gave the agent
    /// (without a server, a well-formed token nobody issued).
    static func home(
        _ dir: TemporaryDirectory, _ name: String, agent: String, clock: TestClock, server: LocalSyncServer? = nil
    ) throws -> AgentHome {
        try AgentHome.initialize(
            at: dir.appending(name), server: server == nil ? "http://127.0.0.1:9" : LocalSyncServer.url, agent: agent,
            token: server?.token(agent) ?? Sample.token, now: clock.now)
    }
}
