import FieldAgentCore
import FieldAgentHTTP
import FieldAgentProtocol
import FieldAgentTestSupport
import Foundation
import Synchronization

@testable import FieldAgentServer

/// A SyncService on a FileServerStorage in a temporary directory, with a settable clock.
final class ServiceFixture: Sendable {
    static let start: Int64 = 1_795_941_000_000
    let directory: TemporaryDirectory
    let storage: FileServerStorage
    let clock = TestClock()
    let service: SyncService
    let admin: AdminService

    init(logFailure: @escaping @Sendable (String) -> Void = SyncService.logToStandardError) throws {
        directory = try TemporaryDirectory(prefix: "fieldagent-server-test")
        storage = try FileServerStorage(path: directory.appending("store"))
        let clock = self.clock
        let now: @Sendable () -> Instant = { Instant(millisecondsSinceEpoch: clock.millis.load(ordering: .relaxed)) }
        service = SyncService(storage: storage, now: now, logFailure: logFailure)
        admin = AdminService(storage: storage, now: now)
    }

    deinit {
        storage.close()
        directory.remove()
    }

    /// Imports two customers: C-1 for alice, C-2 for bob; returns the tokens.
    func seed() throws -> (alice: String, bob: String) {
        let alice = try admin.addAgent(name: "alice")
        let bob = try admin.addAgent(name: "bob")
        _ = try admin.importPortfolio(try Self.portfolio("alice-and-bob"))
        return (alice, bob)
    }

    /// The bytes of `Fixtures/portfolios/<name>.json`, found from this file's path.
    static func portfolio(_ name: String) throws -> [UInt8] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return Array(try Data(contentsOf: root.appendingPathComponent("Fixtures/portfolios/\(name).json")))
    }

    func request(
        _ method: String, _ target: String, token: String?, body: String? = nil, marks: DeviceMarks = DeviceMarks()
    ) -> HTTPResponse {
        var headers = HTTPHeaders()
        for field in marks.headers { headers.add(name: field.name, value: field.value) }
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        if body != nil { headers.add(name: "Content-Type", value: "application/json") }
        return service.handle(
            HTTPRequest(method: method, target: target, headers: headers, body: Array((body ?? "").utf8)))
    }

    /// Pushes `changes` as the device `device` (by default the first change's replica, as a device would).
    func push(_ token: String, _ changes: [Change], device: String? = nil) throws -> PushResponse {
        let device = device ?? changes.first?.id.replica ?? "dev"
        let body = JSON.string(PushRequest(device: device, changes: changes).json)
        let response = request("POST", "/v1/push", token: token, body: body)
        guard response.status == 200 else { throw FixtureError.status(response.status) }
        return try PushResponse(json: try JSON.parse(response.body))
    }

    func pull(_ token: String, cursor: String = "0", limit: Int = 1000) throws -> PullResponse {
        let response = request("GET", "/v1/pull?cursor=\(cursor)&limit=\(limit)", token: token)
        guard response.status == 200 else { throw FixtureError.status(response.status) }
        return try PullResponse(json: try JSON.parse(response.body))
    }

    /// Pulls every page from `cursor`; returns the changes, purges and final cursor.
    func pullAll(_ token: String, cursor: String = "0") throws -> (changes: [Change], purge: [String], cursor: String) {
        var changes: [Change] = []
        var purge: [String] = []
        var cursor = cursor
        for _ in 0..<100 {
            let page = try pull(token, cursor: cursor, limit: 2)
            changes += page.changes
            purge += page.purge
            cursor = page.cursor
            if !page.more { break }
        }
        return (changes, purge, cursor)
    }

    static func change(
        _ replica: String, _ counter: UInt64, agent: String, customer: String, field: String = "phone",
        value: Value = "+358409999999", wall: Int64 = ServiceFixture.start + 1000, entity: EntityKind = .customer,
        entityID: String? = nil, replaces: [ChangeID] = []
    ) -> Change {
        Change(
            id: ChangeID(replica: replica, counter: counter), hlc: HLCTimestamp(wallMillis: wall), agent: agent,
            target: Target(customer: customer, entity: entity, id: entityID, field: field), op: .set, value: value,
            replaces: replaces)
    }
}

enum FixtureError: Error { case status(Int) }

/// A settable clock shared with the service.
final class TestClock: Sendable {
    let millis = Atomic<Int64>(ServiceFixture.start)

    func store(_ value: Int64) { millis.store(value, ordering: .relaxed) }
}
