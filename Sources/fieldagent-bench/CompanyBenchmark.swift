import FieldAgentCore
import FieldAgentServer
import FieldAgentSync
import FieldAgentTestSupport
import Foundation

/// `fieldagent-bench company [--customers N] [--quick] …`: the server as a company uses it (issue 13).
///
/// Workload: N generated customers, 200 per agent (so N / 200 agents, assigned in blocks), 24
/// months of installments per account, and 10 contacts per customer over the past year (with the
/// promises made at them), pushed by one device per agent because the import format carries no
/// contact history. A real `SyncServer` runs in this process on loopback; devices are real
/// `AgentHome`s over URLSession. Steps, in order: import (and its peak RSS), re-import of the same
/// file, seeding the contacts, restart, one agent's first sync, an incremental sync after K changes
/// to other agents' customers, no-op pull load, A devices' first syncs at once, D devices pushing
/// at once, company KPIs, erasure of one customer. Every step runs under `--step-limit`.
///
/// RSS figures are the whole process: the server, plus the bench's copy of the import file and the
/// history edits. `peakRssMiB` (printed last) is the peak since the import started, because the
/// import's peak is measured by resetting the kernel's high-water mark.
enum CompanyBenchmark {
    static func run() -> [(String, Value)] {
        let options = CompanyOptions.parse(Array(CommandLine.arguments.dropFirst()))
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fieldagent-bench-company-\(UUID().uuidString.prefix(8))"
        ).path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let sheet = StepLimit(limitSeconds: options.stepLimitSeconds, json: options.json, cleanup: root)
        var generator = PortfolioGenerator.company(
            customers: options.customers, perAgent: options.customersPerAgent, contacts: options.contactsPerCustomer)
        generator.months = options.months
        let prepared = sheet.step("generate") { prepare(generator, sheet) }
        let company = CompanyContext(
            options: options, root: root, agents: generator.agents, customersByAgent: prepared.customersByAgent)
        importSteps(company, prepared.file, sheet)
        let seedSeconds = sheet.step("seed contacts") {
            Stopwatch.seconds { sheet.add("seededChanges", count: CompanySeeding.seed(company, prepared.history)) }
        }
        sheet.add("seedSeconds", double: seedSeconds)
        sheet.add("logEntries", .int(Int64(company.server.storage.lastSequence)))
        sheet.add("rssAfterContactsMiB", double: PeakMemory.currentMebibytes())
        sheet.add("restartSeconds", double: sheet.step("restart") { company.restart() })
        sheet.add("rssAfterRestartMiB", double: PeakMemory.currentMebibytes())
        let agentDevices = CompanySyncSteps.firstSync(company, sheet)
        CompanySyncSteps.incremental(company, agentDevices, sheet)
        CompanySyncSteps.load(company, cursorOf: agentDevices[0], sheet)
        let crowd = CompanySyncSteps.atOnce(company, sheet)
        let pushers = CompanySyncSteps.pushes(company, crowd, sheet)
        CompanySyncSteps.pushLoad(company, sheet)
        for home in agentDevices + crowd + pushers.dropFirst(crowd.count) { home.close() }
        backOfficeSteps(company, asOf: generator.asOf, sheet)
        sheet.step("stop") { company.stop() }
        return sheet.finish()
    }

    /// What the steps need from the generated portfolio; the portfolio itself is dropped after `prepare`.
    struct Prepared {
        /// The import file.
        var file: [UInt8]
        /// Each agent's contact and promise edits.
        var history: [String: [Edit]]
        /// Each agent's customer ids.
        var customersByAgent: [String: [String]]
    }

    /// Generates the portfolio, records the workload's parameters, encodes the import file.
    static func prepare(_ generator: PortfolioGenerator, _ sheet: StepLimit) -> Prepared {
        let generated = generator.generate()
        let accounts = generated.customers.flatMap(\.accounts)
        sheet.add("customers", count: generated.customers.count)
        sheet.add("agents", count: generator.agentCount)
        sheet.add("customersPerAgent", count: generator.customersPerAgent ?? 0)
        sheet.add("monthsOfInstallments", count: generator.months)
        sheet.add("accounts", count: accounts.count)
        sheet.add("installments", count: accounts.reduce(0) { $0 + $1.installments.count })
        sheet.add("contactsPerCustomer", count: generator.contactsPerCustomer ?? 0)
        sheet.add("contacts", count: generated.contacts.count)
        sheet.add("promises", count: generated.promises.count)
        var byAgent: [String: [String]] = [:]
        for customer in generated.customers { byAgent[customer.agents[0], default: []].append(customer.id) }
        let file = Array(try! JSONEncoder().encode(generated.portfolio))
        sheet.add("importFileBytes", count: file.count)
        return Prepared(file: file, history: CompanySeeding.historyEdits(generated), customersByAgent: byAgent)
    }

    /// Import on the fresh data directory (time, rate, peak RSS), then the same file again.
    static func importSteps(_ company: CompanyContext, _ file: [UInt8], _ sheet: StepLimit) {
        let admin = company.server.admin
        sheet.add("rssBeforeImportMiB", double: PeakMemory.currentMebibytes())
        let peakReset = PeakMemory.resetPeak()
        var summary: ImportSummary?
        let seconds = sheet.step("import") { Stopwatch.seconds { summary = try! admin.importPortfolio(file) } }
        sheet.add("importSeconds", double: seconds)
        sheet.add("importCustomersPerSecond", double: Double(summary!.customers) / seconds)
        sheet.add("importChanges", count: summary!.changes)
        sheet.add("importAssignments", count: summary!.assignments)
        // Without the reset (not Linux, or not allowed) this is the process's peak so far.
        sheet.add(peakReset ? "importPeakRssMiB" : "processPeakRssAtImportMiB", double: PeakMemory.mebibytes())
        sheet.add("rssAfterImportMiB", double: PeakMemory.currentMebibytes())
        let again = sheet.step("re-import") { Stopwatch.seconds { summary = try! admin.importPortfolio(file) } }
        sheet.add("reimportSeconds", double: again)
        sheet.add("reimportChanges", count: summary!.changes)
    }

    /// Company KPIs for the month before `asOf`, then the erasure of the last customer.
    static func backOfficeSteps(_ company: CompanyContext, asOf: LocalDate, _ sheet: StepLimit) {
        let admin = company.server.admin
        let kpi = sheet.step("kpi") {
            Stopwatch.seconds { _ = try! admin.kpi(from: asOf.adding(months: -1), to: asOf) }
        }
        sheet.add("kpiSeconds", double: kpi)
        let customer = company.customersByAgent[company.agents.last!]!.last!
        let erase = sheet.step("erase") { Stopwatch.seconds { try! admin.erase(customer: customer) } }
        sheet.add("eraseSeconds", double: erase)
    }
}
