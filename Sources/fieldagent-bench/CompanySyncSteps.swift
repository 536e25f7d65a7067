import FieldAgentCore
import FieldAgentSync
import Foundation

/// The company workload's device-facing steps: real devices (`AgentHome` over URLSession) against
/// the server on loopback.
enum CompanySyncSteps {
    /// The first agent's first sync on a fresh device (its customers). Returns that device and two
    /// more of the same agent, all synced, for ``incremental(_:_:_:)``.
    static func firstSync(_ company: CompanyContext, _ sheet: StepLimit) -> [AgentHome] {
        sheet.step("first sync") {
            let agent = company.agents[0]
            let device = company.newDevice(of: agent)
            let (seconds, report) = timedSync(device)
            sheet.add("firstSyncSeconds", double: seconds)
            sheet.add("firstSyncBytes", count: report.pulledBytes)
            sheet.add("firstSyncChanges", count: report.pulledChanges)
            sheet.add("firstSyncPages", count: report.pages)
            sheet.add("firstSyncCustomers", count: device.customers().count)
            var devices = [device]
            for _ in 0..<2 {
                let more = company.newDevice(of: agent)
                _ = SyncBenchmark.blocking { try await more.sync() }
                devices.append(more)
            }
            return devices
        }
    }

    /// A sync of the first agent's synced devices with nothing new, then K changes to other agents'
    /// customers, then the same devices' syncs again (median of the devices each time).
    static func incremental(_ company: CompanyContext, _ devices: [AgentHome], _ sheet: StepLimit) {
        let before = sheet.step("no-op sync") { devices.map(timedSync) }
        sheet.add("noopSyncMillis", double: SyncBenchmark.median(before.map(\.seconds)) * 1000)
        var accepted = 0
        let pushSeconds = sheet.step("push K changes") {
            Stopwatch.seconds { accepted = CompanySeeding.changeOtherAgents(company, count: company.options.changes) }
        }
        sheet.add("otherAgentsChanges", count: accepted)
        sheet.add("otherAgentsPushSeconds", double: pushSeconds)
        let after = sheet.step("sync after K changes") { devices.map(timedSync) }
        sheet.add("syncAfterOtherChangesMillis", double: SyncBenchmark.median(after.map(\.seconds)) * 1000)
        sheet.add("syncAfterOtherChangesPulled", count: after.map(\.report.pulledChanges).reduce(0, +))
    }

    /// No-op pulls (`GET /v1/pull` at the end of the log, with the agent's token) from many keep-alive connections.
    static func load(_ company: CompanyContext, cursorOf device: AgentHome, _ sheet: StepLimit) {
        let options = company.options
        let load = sheet.step("no-op pull load") {
            Load.measure(
                port: company.server.port, token: company.tokens[company.agents[0]]!,
                target: "/v1/pull?cursor=\(device.replica.cursor ?? "0")", connections: options.connections,
                seconds: options.loadSeconds)
        }
        sheet.add("loadTool", .string(load.tool))
        sheet.add("loadConnections", count: options.connections)
        sheet.add("loadRequestsPerSecond", double: load.requestsPerSecond)
        sheet.add("loadP50Millis", double: load.p50Millis)
        sheet.add("loadP99Millis", double: load.p99Millis)
    }

    /// `agentsAtOnce` fresh devices (round robin over the agents) making their first sync all at once.
    /// Returns the devices.
    static func atOnce(_ company: CompanyContext, _ sheet: StepLimit) -> [AgentHome] {
        let count = company.options.agentsAtOnce
        let homes = (0..<count).map { company.newDevice(of: company.agents[$0 % company.agents.count]) }
        var latencies: [Double] = []
        let wall = sheet.step("first syncs at once") {
            Stopwatch.seconds { latencies = Parallel.run(count) { timedSync(homes[$0]).seconds } }
        }
        sheet.add("atOnceDevices", count: count)
        sheet.add("atOnceAgents", count: min(count, company.agents.count))
        sheet.add("atOnceSeconds", double: wall)
        sheet.add("atOnceSyncsPerSecond", double: Double(count) / wall)
        sheet.add("atOnceMedianSeconds", double: SyncBenchmark.median(latencies))
        sheet.add("atOnceP99Seconds", double: SyncBenchmark.percentile(latencies, 0.99))
        return homes
    }

    /// D devices (the first of `synced`, plus new ones if needed) each recording a batch of
    /// contacts durably and syncing, over and over, for the push phase. Returns the devices.
    static func pushes(_ company: CompanyContext, _ synced: [AgentHome], _ sheet: StepLimit) -> [AgentHome] {
        let options = company.options
        var pushers = Array(synced.prefix(options.pushingDevices))
        while pushers.count < options.pushingDevices {
            let home = company.newDevice(of: company.agents[pushers.count % company.agents.count])
            _ = SyncBenchmark.blocking { try await home.sync() }
            pushers.append(home)
        }
        let devices = pushers
        let customers = devices.map { company.customersByAgent[$0.configuration.agent]! }
        let deadline = ContinuousClock.now + .seconds(options.pushSeconds)
        var results: [PushTally] = []
        let wall = sheet.step("concurrent pushes") {
            Stopwatch.seconds {
                results = Parallel.run(devices.count) { d in
                    pushUntil(deadline, devices[d], customers[d], batch: options.pushBatch, tag: d)
                }
            }
        }
        let accepted = results.map(\.accepted).reduce(0, +)
        let latencies = results.flatMap(\.latencies)
        sheet.add("pushDevices", count: devices.count)
        sheet.add("pushBatch", count: options.pushBatch)
        sheet.add("pushSeconds", double: wall)
        sheet.add("pushChangesAccepted", count: accepted)
        sheet.add("pushChangesPerSecond", double: Double(accepted) / wall)
        sheet.add("pushSyncMedianMillis", double: SyncBenchmark.median(latencies) * 1000)
        sheet.add("pushSyncP99Millis", double: SyncBenchmark.percentile(latencies, 0.99) * 1000)
        return pushers
    }

    /// The device-less push load (``PushLoad``): the server's own durable push rate.
    static func pushLoad(_ company: CompanyContext, _ sheet: StepLimit) {
        let options = company.options
        let load = sheet.step("push load") {
            PushLoad.measure(
                port: company.server.port, agents: company.agents, tokens: company.tokens,
                customers: company.customersByAgent, connections: options.pushConnections,
                batch: options.pushLoadBatch, seconds: options.pushSeconds)
        }
        sheet.add("pushLoadConnections", count: load.connections)
        sheet.add("pushLoadBatch", count: load.batch)
        sheet.add("pushLoadChangesAccepted", count: load.accepted)
        sheet.add("pushLoadChangesPerSecond", double: load.acceptedPerSecond)
        sheet.add("pushLoadP50Millis", double: load.p50Millis)
        sheet.add("pushLoadP99Millis", double: load.p99Millis)
    }

    /// One device's push loop: record `batch` contacts to its customers (durably), sync; until `deadline`.
    static func pushUntil(
        _ deadline: ContinuousClock.Instant, _ home: AgentHome, _ customers: [String], batch: Int, tag: Int
    ) -> PushTally {
        var tally = PushTally()
        var n = 0
        while ContinuousClock.now < deadline {
            let at = Value.string(Instant.now().description)
            let edits: [Edit] = (0..<batch).map { i in
                .create(
                    .contact, id: "K-push-\(tag)-\(n + i)", customer: customers[(n + i) % customers.count],
                    body: .object(["at": at, "channel": "call", "direction": "outbound", "outcome": "no-answer"]))
            }
            n += batch
            var accepted = 0
            tally.latencies.append(
                Stopwatch.seconds {
                    _ = try! home.replica.record(edits, agent: home.configuration.agent, at: Instant.now())
                    accepted = SyncBenchmark.blocking { try await home.sync() }.accepted
                })
            tally.accepted += accepted
        }
        return tally
    }

    /// A sync of `home`, timed.
    static func timedSync(_ home: AgentHome) -> (seconds: Double, report: SyncReport) {
        var report = SyncReport()
        let seconds = Stopwatch.seconds { report = SyncBenchmark.blocking { try await home.sync() } }
        return (seconds, report)
    }
}
