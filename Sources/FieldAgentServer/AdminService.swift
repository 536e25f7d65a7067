import FieldAgentCore
import FieldAgentPolicy
import FieldAgentStore
import Foundation

/// The back office's operations on a ``ServerStorage``: agents and tokens, portfolio import,
/// assignment, company-wide KPIs and erasure.
///
/// Runs in the server process (behind the admin socket) or directly on the files when no server
/// runs; ``AdminClient`` picks the way. Operations are serialised, because back-office changes
/// are numbered by one replica (`backoffice`).
public final class AdminService: Sendable {
    /// The agent name under which back-office changes are recorded.
    public static let backOfficeAgent = "backoffice"

    /// The storage operated on.
    public let storage: any ServerStorage
    let now: @Sendable () -> Instant
    let isKnownZone: @Sendable (String) -> Bool
    private let serial = NSLock()

    /// A service over `storage`, with the clock used to stamp back-office changes.
    public init(
        storage: any ServerStorage, now: @escaping @Sendable () -> Instant = Instant.now,
        isKnownZone: @escaping @Sendable (String) -> Bool = { TimeZone(identifier: $0) != nil }
    ) {
        self.storage = storage
        self.now = now
        self.isKnownZone = isKnownZone
    }

    func serialised<R>(_ body: () throws(AdminError) -> R) throws(AdminError) -> R {
        serial.lock()
        defer { serial.unlock() }
        return try body()
    }

    static func wrap<R>(_ body: () throws(ServerStorageError) -> R) throws(AdminError) -> R {
        do {
            return try body()
        } catch {
            throw .storage(error)
        }
    }

    // MARK: - Agents

    /// Creates an agent and returns its token: 32 random bytes as 64 hex digits. Only the hash is stored.
    public func addAgent(name: String) throws(AdminError) -> String {
        try AdminService.checkAgentName(name)
        return try serialised { () throws(AdminError) -> String in
            guard !storage.agents().contains(where: { $0.name == name }) else { throw .agentExists(name) }
            let token = Hex.randomBytes(32)
            try AdminService.wrap { () throws(ServerStorageError) in
                try storage.saveAgent(AgentRecord(name: name, tokenHash: SHA256.hash(token)))
            }
            return Hex.encode(token)
        }
    }

    /// Revokes an agent's token; its next request gets `401 token-revoked`.
    public func revokeAgent(name: String) throws(AdminError) {
        try serialised { () throws(AdminError) in
            guard var agent = storage.agents().first(where: { $0.name == name }) else { throw .unknownAgent(name) }
            guard !agent.revoked else { return }
            agent.revoked = true
            try AdminService.wrap { () throws(ServerStorageError) in try storage.saveAgent(agent) }
        }
    }

    /// Every agent, sorted by name, with its customer count.
    public func listAgents() -> [AgentSummary] {
        var counts: [String: Int] = [:]
        for id in storage.customerIDs() {
            for agent in storage.assignedAgents(of: id) { counts[agent, default: 0] += 1 }
        }
        return storage.agents().map {
            AgentSummary(name: $0.name, revoked: $0.revoked, customers: counts[$0.name] ?? 0)
        }
    }

    static func checkAgentName(_ name: String) throws(AdminError) {
        let allowed = name.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "." || $0 == "_"
                || $0 == "-"
        }
        guard !name.isEmpty, name.utf8.count <= 64, allowed, name != backOfficeAgent else {
            throw .invalidAgentName(name)
        }
    }

    // MARK: - Assignment

    /// Adds `agent` to the customer's agents: its next pull carries the customer's whole state.
    public func assign(customer: String, agent: String) throws(AdminError) {
        try setAssignment(customer: customer, agent: agent, assigned: true)
    }

    /// Removes `agent` from the customer's agents: its next pull tells its devices to purge the customer.
    public func unassign(customer: String, agent: String) throws(AdminError) {
        try setAssignment(customer: customer, agent: agent, assigned: false)
    }

    private func setAssignment(customer: String, agent: String, assigned: Bool) throws(AdminError) {
        try serialised { () throws(AdminError) in
            let state = try AdminService.wrap { () throws(ServerStorageError) in try storage.customerState(customer) }
            guard !state.isErased(customer) else { throw .customerErased(customer) }
            guard state.holdsCustomer(customer) else { throw .unknownCustomer(customer) }
            guard storage.agents().contains(where: { $0.name == agent }) else { throw .unknownAgent(agent) }
            var agents = storage.assignedAgents(of: customer)
            guard agents.contains(agent) != assigned else { return }
            if assigned { agents.insert(agent) } else { agents.remove(agent) }
            var maker = backOfficeMaker()
            let changes = backOfficeChanges(
                [.set(Target(customer: customer, field: "agents"), .list(agents.sorted().map { .string($0) }))],
                in: state, with: &maker)
            try AdminService.wrap { () throws(ServerStorageError) in
                // The record first, then the event: the event's full-state delivery includes the new agent list.
                _ = try storage.append(changes)
                _ = try storage.setAssignments([
                    AssignmentChange(customer: customer, agent: agent, assigned: assigned)
                ])
            }
        }
    }

    // MARK: - Import

    /// Imports a portfolio file (SPEC.md → Portfolio import format), streaming: the file is read
    /// twice, in chunks, so memory does not grow with its size. The first pass checks the whole
    /// document, so an invalid file changes nothing; the second stores it 1,000 customers at a time.
    ///
    /// A crash or a storage failure during the second pass leaves the customers before it stored;
    /// importing the same file again completes the import, as an import is idempotent.
    public func importPortfolio(atPath path: String) throws(AdminError) -> ImportSummary {
        let check = try PortfolioChunks.open(path)
        _ = try scan(check) { _ throws(AdminError) in }
        return try serialised { () throws(AdminError) -> ImportSummary in
            let chunks = try PortfolioChunks.open(path)
            var run = ImportRun()
            do throws(AdminError) {
                _ = try scan(chunks) { customer throws(AdminError) in try importCustomer(customer, into: &run) }
            } catch .invalidPortfolio {
                throw .unreadableFile(
                    path: path,
                    reason:
                        "it changed while it was imported; the \(run.summary.customers) customers before the change "
                        + "were imported. Import the finished file again (importing is idempotent)")
            }
            try flush(&run)
            guard chunks.checksum == check.checksum else {
                throw .unreadableFile(
                    path: path,
                    reason:
                        "it changed while it was imported, and all \(run.summary.customers) customers read were "
                        + "imported. Import the finished file again (importing is idempotent)")
            }
            return run.summary
        }
    }

    /// Imports a portfolio document. All-or-nothing validation: an invalid document changes nothing
    /// and the error names the path of its first problem.
    ///
    /// Idempotent: importing the same document again stores nothing. A re-import updates accounts
    /// (balances, installments), adds flags and agents, and fills fields that are empty; it never
    /// overwrites a profile field an agent may have corrected, and never removes flags or agents.
    /// Erased customers are skipped.
    public func importPortfolio(_ bytes: [UInt8]) throws(AdminError) -> ImportSummary {
        _ = try scan(PortfolioChunks(bytes: bytes)) { _ throws(AdminError) in }
        return try serialised { () throws(AdminError) -> ImportSummary in
            var run = ImportRun()
            _ = try scan(PortfolioChunks(bytes: bytes)) { customer throws(AdminError) in
                try importCustomer(customer, into: &run)
            }
            try flush(&run)
            return run.summary
        }
    }

    /// Reads every customer of `chunks` in order, handing each to `body`; returns how many.
    private func scan(_ chunks: PortfolioChunks, _ body: (Customer) throws(AdminError) -> Void) throws(AdminError)
        -> Int
    {
        var scanner = PortfolioScanner(reader: PortfolioReader(isKnownZone: isKnownZone))
        while true {
            let next: Customer?
            do throws(ValidationError) {
                next = try scanner.next(more: chunks.next)
            } catch {
                throw .invalidPortfolio(error.description)
            }
            guard let customer = next else { return scanner.count }
            try body(customer)
        }
    }

    /// An import in progress: the changes and assignments not yet stored, and the counts so far.
    private struct ImportRun {
        var maker: ChangeMaker?
        var changes: [Change] = []
        var assignments: [AssignmentChange] = []
        var pendingCustomers = 0
        var summary = ImportSummary(customers: 0, created: 0, updated: 0, skippedErased: 0, changes: 0, assignments: 0)
    }

    private static let importBatch = 1_000

    /// Adds `customer`'s edits to `run`, storing the batch when it is full.
    private func importCustomer(_ customer: Customer, into run: inout ImportRun) throws(AdminError) {
        let state = try AdminService.wrap { () throws(ServerStorageError) in try storage.customerState(customer.id) }
        run.summary.customers += 1
        if state.isErased(customer.id) {
            run.summary.skippedErased += 1
            return
        }
        let assigned = storage.assignedAgents(of: customer.id)
        let customerEdits = state.importEdits(for: customer, assignedAgents: assigned)
        var maker = run.maker ?? backOfficeMaker()
        run.changes += backOfficeChanges(customerEdits, in: state, with: &maker)
        run.maker = maker
        for agent in customer.agents.sorted() where !assigned.contains(agent) {
            run.assignments.append(AssignmentChange(customer: customer.id, agent: agent, assigned: true))
        }
        if !state.holdsCustomer(customer.id) {
            run.summary.created += 1
        } else if !customerEdits.isEmpty {
            run.summary.updated += 1
        }
        run.pendingCustomers += 1
        if run.pendingCustomers >= AdminService.importBatch { try flush(&run) }
    }

    /// Stores what `run` holds.
    private func flush(_ run: inout ImportRun) throws(AdminError) {
        let (changes, assignments) = (run.changes, run.assignments)
        run.changes = []
        run.assignments = []
        run.pendingCustomers = 0
        // The next batch's maker numbers on from what storage then holds, and forgets this batch's writes.
        run.maker = nil
        let added = try AdminService.wrap { () throws(ServerStorageError) -> Int in
            if !changes.isEmpty { _ = try storage.append(changes) }
            return try storage.setAssignments(assignments)
        }
        run.summary.changes += changes.count
        run.summary.assignments += added
    }

    /// A maker numbering the back office's next changes after what storage holds.
    private func backOfficeMaker() -> ChangeMaker {
        ChangeMaker(
            replicaID: ServerState.backOfficeReplica, clock: storage.backOfficeClock,
            firstCounter: storage.highWater(of: ServerState.backOfficeReplica) + 1)
    }

    /// The back office's changes for `edits` to one customer, whose stored state is `state`, stamped now.
    private func backOfficeChanges(_ edits: [Edit], in state: ReplicaState, with maker: inout ChangeMaker) -> [Change] {
        let before = maker.changes.count
        let wall = now().millisecondsSinceEpoch
        for edit in edits { maker.make(edit, by: AdminService.backOfficeAgent, at: wall, in: state) }
        return Array(maker.changes[before...])
    }

    // MARK: - Erasure

    /// Erases a customer (GDPR): stores a tombstone that reaches every assigned device at its next
    /// pull, and removes every other byte about the customer from the server's files at once.
    public func erase(customer: String) throws(AdminError) {
        try serialised { () throws(AdminError) in
            let state = try AdminService.wrap { () throws(ServerStorageError) in try storage.customerState(customer) }
            if state.isErased(customer) {
                // Erasing again purges the files again: whatever an interrupted run may have left.
                try AdminService.wrap { () throws(ServerStorageError) in try storage.purgeErasedData() }
                return
            }
            guard state.holdsCustomer(customer) else { throw .unknownCustomer(customer) }
            var maker = backOfficeMaker()
            let tombstone = backOfficeChanges([.erase(customer: customer)], in: state, with: &maker)[0]
            try AdminService.wrap { () throws(ServerStorageError) in
                try storage.erase(customer: customer, with: tombstone)
            }
        }
    }

    // MARK: - KPIs

    /// Company-wide KPIs for `from`…`to` (SPEC.md → KPIs), as the `kpi --json` document.
    public func kpi(from: LocalDate, to: LocalDate) throws(AdminError) -> Value {
        guard from <= to else { throw .invalidDate("\(from)..\(to)") }
        var customers: [PolicyCustomer] = []
        // A thousand customers' changes at a time: the company's changes are never all in memory.
        let ids = storage.customerIDs()
        for start in stride(from: 0, to: ids.count, by: 1000) {
            var state = ReplicaState(replicaID: ServerState.backOfficeReplica)
            for id in ids[start..<min(ids.count, start + 1000)] {
                _ = state.apply(
                    try AdminService.wrap { () throws(ServerStorageError) in try storage.changes(of: id) }.map(\.change)
                )
            }
            customers += PolicyInput.customers(in: state)
        }
        return KPICalculator(configuration: .standard).report(from: from, to: to, customers: customers).value
    }
}
