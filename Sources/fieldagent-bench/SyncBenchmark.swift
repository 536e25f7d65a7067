import FieldAgentCore
import FieldAgentServer
import FieldAgentSync
import FieldAgentSystem
import FieldAgentTestSupport
import Foundation

/// `fieldagent-bench sync`: a real server and real devices on loopback.
///
/// Workload: 10,000 generated customers (24 months of history) assigned to one agent, plus 50,000
/// contacts pushed by a seeding device. Measured: a fresh device's initial sync, a one-change sync,
/// a sync with nothing new, and the server's throughput and latency for no-op pulls from 50 connections.
enum SyncBenchmark {
    static func run() -> [(String, Value)] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fieldagent-bench-sync-\(UUID().uuidString.prefix(8))"
        ).path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try! SyncServer(
            dataDirectory: root + "/server", listen: SocketAddress(host: "127.0.0.1", port: 0), logRequests: false)
        server.start()
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)"
        let generated = PortfolioGenerator(customerCount: 10_000, months: 24, agentCount: 1).generate()
        let agent = generated.customers[0].agents[0]
        let token = try! server.admin.addAgent(name: agent)
        let encoder = JSONEncoder()
        _ = try! server.admin.importPortfolio(Array(try! encoder.encode(generated.portfolio)))

        // Seed 50,000 contacts from one device.
        let seeder = try! AgentHome.initialize(at: root + "/seeder", server: url, agent: agent, token: token)
        _ = blocking { try await seeder.sync() }
        let ids = generated.customers.map(\.id)
        let at = Value.string("2026-11-20T10:00:00Z")
        for batch in 0..<50 {
            let edits: [Edit] = (0..<1_000).map { i in
                let n = batch * 1_000 + i
                return .create(
                    .contact, id: "K-bench-\(n)", customer: ids[n % ids.count],
                    body: .object([
                        "at": at, "channel": "call", "direction": "outbound", "outcome": "no-answer",
                        "note": "Called about the overdue balance; no answer, will try again tomorrow.",
                    ]))
            }
            _ = try! seeder.replica.record(edits, agent: agent, at: Instant("2026-11-20T10:00:00Z")!)
        }
        _ = blocking { try await seeder.sync() }
        seeder.close()

        // A fresh device's initial sync.
        let device = try! AgentHome.initialize(at: root + "/device", server: url, agent: agent, token: token)
        defer { device.close() }
        var initial = SyncReport()
        let initialSeconds = Stopwatch.seconds { initial = blocking { try await device.sync() } }
        let customers = device.customers().count

        // One change, then nothing new.
        var oneChange: [Double] = []
        for i in 0..<20 {
            _ = try! device.setField(customer: ids[i], field: "note", value: "bench note \(i)")
            oneChange.append(Stopwatch.seconds { _ = blocking { try await device.sync() } })
        }
        var noop: [Double] = []
        for _ in 0..<50 { noop.append(Stopwatch.seconds { _ = blocking { try await device.sync() } }) }

        let cursor = String(decoding: device.replica.metadata("cursor") ?? Array("0".utf8), as: UTF8.self)
        let load = Load.measure(
            port: server.port, token: token, target: "/v1/pull?cursor=\(device.replica.cursor ?? cursor)",
            connections: 50, seconds: 5)
        return [
            ("initialCustomers", .int(Int64(customers))), ("initialChanges", .int(Int64(initial.pulledChanges))),
            ("initialPages", .int(Int64(initial.pages))), ("initialSeconds", .double(initialSeconds)),
            ("initialBytes", .int(Int64(initial.pulledBytes))),
            ("oneChangeMedianMillis", .double(median(oneChange) * 1000)),
            ("noopMedianMillis", .double(median(noop) * 1000)),
            ("noopP99Millis", .double(percentile(noop, 0.99) * 1000)),
            ("loadTool", .string(load.tool)), ("loadConnections", .int(50)),
            ("loadRequestsPerSecond", .double(load.requestsPerSecond)), ("loadP50Millis", .double(load.p50Millis)),
            ("loadP99Millis", .double(load.p99Millis)),
        ]
    }

    static func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.down)))]
    }

    /// Runs an async sync from synchronous benchmark code.
    static func blocking(_ body: @escaping @Sendable () async throws -> SyncReport) -> SyncReport {
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.set(.success(try await body())) } catch { box.set(.failure(error)) }
            done.signal()
        }
        done.wait()
        return try! box.get()
    }
}

/// Carries a task's result back to the waiting thread.
final class ResultBox: @unchecked Sendable {
    // Written once by the task before the semaphore signals, read once after: the semaphore orders them.
    private var result: Result<SyncReport, any Error>?
    func set(_ r: Result<SyncReport, any Error>) { result = r }
    func get() throws -> SyncReport { try result!.get() }
}
