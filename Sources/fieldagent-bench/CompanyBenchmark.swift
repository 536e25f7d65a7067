import FieldAgentCore
import FieldAgentServer
import FieldAgentSync
import FieldAgentTestSupport
import Foundation

/// `fieldagent-bench company [--customers N] [--quick] …`: the server as a company uses it (issue 13).
///
/// Workload: N generated customers, 200 per agent (so N / 200 agents, assigned in blocks), 24
/// months of installments per account, and 10 contacts per customer over the past year (with the
/// promises made at them). The generator runs one customer at a time: it writes the import file to
/// disk, then runs again to write the contacts straight into storage, as the import format carries
/// no contact history (``CompanySeeding``). A real `SyncServer` runs in this process on loopback;
/// devices are real `AgentHome`s over URLSession. Steps, in order: import from the file (and its
/// peak RSS), re-import, seeding the contacts, restart, one agent's first sync, an incremental sync
/// after K changes to other agents' customers, no-op pull load, A devices' first syncs at once, D
/// devices pushing at once, the device-less push load, company KPIs, erasure of one customer.
/// Every step runs under `--step-limit`.
///
/// RSS figures are the whole process: the server, plus the bench's list of each agent's customer
/// ids. `peakRssMiB` (printed last) is the peak since the import started, because the import's
/// peak is measured by resetting the kernel's high-water mark.
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
        try! FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let prepared = sheet.step("generate") { prepare(generator, path: root + "/portfolio.json", sheet) }
        let company = CompanyContext(
            options: options, root: root, agents: generator.agents, customersByAgent: prepared.customersByAgent)
        importSteps(company, prepared.path, sheet)
        let seedSeconds = sheet.step("seed contacts") {
            Stopwatch.seconds { sheet.add("seededChanges", count: CompanySeeding.seed(company, generator)) }
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

    /// What the steps need from the generated portfolio, which is never held whole.
    struct Prepared {
        /// The import file, on disk.
        var path: String
        /// Each agent's customer ids.
        var customersByAgent: [String: [String]]
    }

    /// Generates the portfolio one customer at a time, writing the import file as it goes and
    /// recording the workload's figures.
    static func prepare(_ generator: PortfolioGenerator, path: String, _ sheet: StepLimit) -> Prepared {
        FileManager.default.createFile(atPath: path, contents: nil)
        let out = FileHandle(forWritingAtPath: path)!
        var buffer = Array("{\"customers\": [".utf8)
        var written = 0
        var (customers, accounts, installments, contacts, promises) = (0, 0, 0, 0, 0)
        var byAgent: [String: [String]] = [:]
        generator.generate { one in
            for customer in one.customers {
                if customers > 0 { buffer.append(UInt8(ascii: ",")) }
                buffer += JSON.bytes(importValue(customer))
                customers += 1
                accounts += customer.accounts.count
                installments += customer.accounts.reduce(0) { $0 + $1.installments.count }
                byAgent[customer.agents[0], default: []].append(customer.id)
            }
            contacts += one.contacts.count
            promises += one.promises.count
            if buffer.count >= 1 << 20 {
                out.write(Data(buffer))
                written += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        buffer += Array("]}".utf8)
        out.write(Data(buffer))
        written += buffer.count
        try! out.close()
        sheet.add("customers", count: customers)
        sheet.add("agents", count: generator.agentCount)
        sheet.add("customersPerAgent", count: generator.customersPerAgent ?? 0)
        sheet.add("monthsOfInstallments", count: generator.months)
        sheet.add("accounts", count: accounts)
        sheet.add("installments", count: installments)
        sheet.add("contactsPerCustomer", count: generator.contactsPerCustomer ?? 0)
        sheet.add("contacts", count: contacts)
        sheet.add("promises", count: promises)
        sheet.add("importFileBytes", count: written)
        return Prepared(path: path, customersByAgent: byAgent)
    }

    /// `customer` as an element of the import document.
    static func importValue(_ customer: Customer) -> Value {
        var members = customer.fieldValues
        members["id"] = .string(customer.id)
        if !customer.flags.isEmpty { members["flags"] = .list(customer.flags.map(\.rawValue).sorted().map(Value.string)) }
        return .object(JSONObject(members))
    }

    /// Import on the fresh data directory (time, rate, peak RSS), then the same file again.
    static func importSteps(_ company: CompanyContext, _ file: String, _ sheet: StepLimit) {
        let admin = company.server.admin
        sheet.add("rssBeforeImportMiB", double: PeakMemory.currentMebibytes())
        let peakReset = PeakMemory.resetPeak()
        var summary: ImportSummary?
        let seconds = sheet.step("import") { Stopwatch.seconds { summary = try! admin.importPortfolio(atPath: file) } }
        sheet.add("importSeconds", double: seconds)
        sheet.add("importCustomersPerSecond", double: Double(summary!.customers) / seconds)
        sheet.add("importChanges", count: summary!.changes)
        sheet.add("importAssignments", count: summary!.assignments)
        // Without the reset (not Linux, or not allowed) this is the process's peak so far.
        sheet.add(peakReset ? "importPeakRssMiB" : "processPeakRssAtImportMiB", double: PeakMemory.mebibytes())
        sheet.add("rssAfterImportMiB", double: PeakMemory.currentMebibytes())
        let again = sheet.step("re-import") { Stopwatch.seconds { summary = try! admin.importPortfolio(atPath: file) } }
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
