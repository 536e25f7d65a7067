import FieldAgentCore
import FieldAgentProtocol
import FieldAgentStore
import FieldAgentSystem
import Foundation

/// One agent device's home directory: the API behind every `fieldagent` command.
///
/// Layout of `--home DIR`:
/// - `DIR/replica/`: the ``ReplicaStore`` (merged state, outbox, cursor, rejected changes, last
///   sync, and the home configuration: server URL, agent, replica id);
/// - `DIR/home.json`: that configuration again, mode 0600, so that `fieldagent repair` can rebuild a
///   store too damaged to say it (``repair(at:now:)``);
/// - `DIR/token`: the bearer token alone, mode 0600, so that it never lands in store snapshots,
///   logs or backups of the store, and only the owner can read it. It holds the agent's token until
///   the device registers (protocol.md → Devices), then the device token on its first line and the
///   word `device` on the second: token and registered mark are replaced in one atomic rename, so a
///   crash never leaves a device token the home takes for the agent's (which could not register).
///
/// Edits are validated with the server's own rules (``ChangeValidator``) before anything is
/// written: bad input changes nothing. Every edit is durable when the method returns. Only
/// customers this device has pulled (and that list this agent, when they list agents) are visible.
/// Time is injected (`now`) so tests are deterministic.
public final class AgentHome: Sendable {
    /// The home directory.
    public let path: String
    /// Server, agent and replica id.
    public let configuration: HomeConfiguration
    /// The replica store.
    public let replica: ReplicaStore
    /// The clock edits are stamped with (injectable for tests).
    public let now: @Sendable () -> Instant
    let validator: ChangeValidator

    /// This device's time corrected by the offset to the server's clock measured at the last sync:
    /// what new contacts, notes and stamps use, so a device clock days off still records true times.
    public func correctedNow() -> Instant {
        Instant(millisecondsSinceEpoch: now().millisecondsSinceEpoch + replica.clockOffsetMillis)
    }

    /// A warning when this device's clock is off from the server's by more than the protocol's skew
    /// allowance (either way), as measured at the last sync; nil otherwise.
    public var clockWarning: String? {
        let offset = replica.clockOffsetMillis
        guard abs(offset) > ProtocolLimits.maxClockSkewMillis else { return nil }
        let direction = offset > 0 ? "behind" : "ahead of"
        return "this device's clock is \(AgentHome.span(abs(offset))) \(direction) the server's; "
            + "new work is stamped with the server's time; set the clock right"
    }

    /// A duration as a person reads it: days, hours or minutes.
    public static func span(_ millis: Int64) -> String {
        let minutes = millis / 60_000
        if minutes >= 2 * 24 * 60 { return "\(minutes / (24 * 60)) days" }
        if minutes >= 2 * 60 { return "\(minutes / 60) hours" }
        return "\(minutes) minutes"
    }

    init(path: String, configuration: HomeConfiguration, replica: ReplicaStore, now: @escaping @Sendable () -> Instant)
    {
        self.path = path
        self.configuration = configuration
        self.replica = replica
        self.now = now
        self.validator = ChangeValidator(isKnownZone: { TimeZone(identifier: $0) != nil })
    }

    static func replicaPath(_ home: String) -> String { (home as NSString).appendingPathComponent("replica") }
    static func tokenPath(_ home: String) -> String { (home as NSString).appendingPathComponent("token") }

    // MARK: - Creating and opening

    /// Creates a home for `agent` syncing with `server`, with a new replica id `<agent>-<8 hex>`.
    public static func initialize(
        at path: String, server: String, agent: String, token: String,
        now: @escaping @Sendable () -> Instant = Instant.now
    ) throws(AgentHomeError) -> AgentHome {
        guard let url = URL(string: server), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw .invalidSetting("--server must be an http:// or https:// URL, e.g. http://127.0.0.1:8080")
        }
        if let problem = FieldRules.id(agent) { throw .invalidSetting("--agent \(problem)") }
        guard agent.utf8.count <= 48 else { throw .invalidSetting("--agent is longer than 48 characters") }
        guard !token.isEmpty, token.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw .invalidSetting("--token must be the token printed by `fieldagent-server agent add`")
        }
        // A home whose store is missing or damaged is not overwritten: opening it points at `repair`.
        for trace in [replicaPath(path), configurationPath(path), damagedReplicaPath(path)]
        where FileManager.default.fileExists(atPath: trace) {
            throw .alreadyExists(path: path)
        }
        let suffix = Hex.random(byteCount: 4)
        let configuration = HomeConfiguration(
            server: url.absoluteString.hasSuffix("/") ? String(url.absoluteString.dropLast()) : url.absoluteString,
            agent: agent, replicaID: "\(agent)-\(suffix)")
        do {
            try FileSystem.makeDirectories(path)
        } catch {
            throw .tokenFile(path: path, problem: "cannot create the directory: \(error)")
        }
        try writeToken(token, home: path)
        // Before the store: a crash in between leaves a home that `fieldagent repair` can finish.
        try writeConfiguration(configuration, home: path)
        let replica: ReplicaStore
        do {
            replica = try ReplicaStore.create(at: replicaPath(path), replicaID: configuration.replicaID)
            try replica.setMetadata([HomeConfiguration.metadataKey: JSON.bytes(configuration.json)])
        } catch {
            throw .store(error)
        }
        return AgentHome(path: path, configuration: configuration, replica: replica, now: now)
    }

    /// Opens the home at `path`; fails with a message pointing at `fieldagent init` when there is none,
    /// and with ``AgentHomeError/damaged(path:problem:)`` (pointing at `fieldagent repair`) when its
    /// store cannot be opened: a missing or corrupt file, a record that does not decode, or no
    /// configuration. Writes `HOME/home.json` when the home has none.
    public static func open(
        at path: String, now: @escaping @Sendable () -> Instant = Instant.now
    ) throws(AgentHomeError) -> AgentHome {
        let store = replicaPath(path)
        guard FileSystem.isDirectory(store) else {
            if let trace = traceOfHome(path) { throw .damaged(path: path, problem: trace) }
            throw .missing(path: path)
        }
        guard Store.exists(at: store) else {
            throw .damaged(path: path, problem: "the store directory \(store) holds no store files")
        }
        let replica: ReplicaStore
        do {
            replica = try ReplicaStore.open(at: store)
        } catch {
            throw openingFailure(error, home: path)
        }
        guard let configuration = configuration(in: replica.store.metadata) else {
            replica.close()
            throw .damaged(
                path: path, problem: "the store \(store) does not hold this home's server, agent and replica id")
        }
        let home = AgentHome(path: path, configuration: configuration, replica: replica, now: now)
        home.tidy()
        return home
    }

    /// Closes the store (releasing its lock for other processes).
    public func close() { replica.close() }

    /// The bearer token, read from the 0600 token file: the device token once the device is
    /// registered, the agent's before.
    public func token() throws(AgentHomeError) -> String { try tokenFile().token }

    /// Whether the device is registered: the token file holds its device token.
    public var isRegistered: Bool { (try? tokenFile().device) ?? false }

    /// The token file's token, and whether it is a device token.
    func tokenFile() throws(AgentHomeError) -> (token: String, device: Bool) {
        let file = AgentHome.tokenPath(path)
        do {
            let fd = try FileDescriptor.open(file, .readOnly)
            defer { try? fd.close() }
            let lines = String(decoding: try fd.readAll(), as: UTF8.self).split(whereSeparator: \.isNewline)
            let token = lines.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            return (token, lines.dropFirst().first == "device")
        } catch {
            throw .tokenFile(path: file, problem: "\(error); run `fieldagent init` again")
        }
    }

    /// Replaces the token with an agent's token (e.g. after the back office issued a new one); the
    /// device registers again at its next sync.
    public func setToken(_ token: String) throws(AgentHomeError) {
        try requireData()
        try AgentHome.writeToken(token, home: path)
    }

    /// Replaces the token with the device token a registration answered, marking the device registered.
    func setDeviceToken(_ token: String) throws(AgentHomeError) {
        try AgentHome.writeToken(token, home: path, device: true)
    }

    /// Writes the token durably and atomically with mode 0600 from the first byte on.
    static func writeToken(_ token: String, home: String, device: Bool = false) throws(AgentHomeError) {
        let file = tokenPath(home)
        let temporary = file + ".tmp"
        do {
            try FileSystem.unlink(temporary, missingOK: true)
            let fd = try FileDescriptor.open(
                temporary, .readWrite, options: [.create, .exclusive], permissions: 0o600)
            do {
                try fd.write(Array((token + (device ? "\ndevice\n" : "\n")).utf8), at: 0)
                try fd.fsync()
                try fd.close()
            } catch {
                try? fd.close()
                throw error
            }
            try FileSystem.rename(temporary, to: file)
            try FileSystem.fsyncDirectory(home)
        } catch {
            throw .tokenFile(path: file, problem: "\(error)")
        }
    }

    // MARK: - Reading

    /// Customers on this device, by id; with `search`, those whose id or name contains it (case-insensitive).
    public func customers(search: String? = nil) -> [Customer] {
        let state = replica.state
        let needle = search?.lowercased()
        return state.customerIDs.compactMap { id -> Customer? in
            guard let customer = visible(state.customer(id)) else { return nil }
            if let needle, !needle.isEmpty, !customer.id.lowercased().contains(needle),
                !customer.name.lowercased().contains(needle)
            {
                return nil
            }
            return customer
        }
    }

    /// One customer with its current values, or nil when it is not on this device.
    public func customer(id: String) -> Customer? { visible(replica.state.customer(id)) }

    /// The customer's contacts, oldest first.
    public func contacts(customer: String) -> [Contact] { replica.state.contacts(customer: customer) }

    /// The customer's promises to pay, by date.
    public func promises(customer: String) -> [PromiseToPay] { replica.state.promises(customer: customer) }

    /// The customer's satisfaction notes, oldest first.
    public func notes(customer: String) -> [SatisfactionNote] { replica.state.notes(customer: customer) }

    /// Unresolved conflicts on visible customers.
    public func conflicts() -> [Conflict] {
        let state = replica.state
        return state.conflicts().filter { visible(state.customer($0.customer)) != nil }
    }

    /// Pending, rejected, conflicts and last sync.
    public func status() -> AgentStatus {
        AgentStatus(
            pending: replica.pendingCount, rejected: replica.rejected, conflicts: conflicts().count,
            lastSync: replica.lastSync, server: configuration.server, agent: configuration.agent,
            replicaID: configuration.replicaID, repairNotice: replica.repairNotice,
            clockOffsetMillis: replica.clockOffsetMillis, clockWarning: clockWarning)
    }

    func visible(_ customer: Customer?) -> Customer? {
        guard let customer else { return nil }
        return customer.agents.isEmpty || customer.agents.contains(configuration.agent) ? customer : nil
    }

    // MARK: - Editing

    /// Sets a customer field (a portfolio key such as `phone`) to `value`, or clears it with nil.
    @discardableResult
    public func setField(customer: String, field: String, value: String?) throws(AgentHomeError) -> Change {
        try requireCustomer(customer)
        return try commit([.set(Target(customer: customer, field: field), value.map(Value.string) ?? .null)])[0]
    }

    /// Adds or removes a flag.
    @discardableResult
    public func setFlag(customer: String, flag: Flag, present: Bool) throws(AgentHomeError) -> Change {
        try requireCustomer(customer)
        return try commit([.flag(customer: customer, flag: flag.rawValue, present: present)])[0]
    }

    /// Records a contact (and the promise made at it, in the same transaction); returns the contact id.
    @discardableResult
    public func logContact(
        customer: String, channel: Channel, outcome: ContactOutcome, direction: ContactDirection = .outbound,
        note: String? = nil, location: String? = nil, promise: (amount: Int64, date: LocalDate)? = nil
    ) throws(AgentHomeError) -> String {
        try requireCustomer(customer)
        let at = Value.string(correctedNow().description)
        let contactID = AgentHome.newID("K")
        var body: [String: Value] = [
            "at": at, "channel": .string(channel.rawValue), "direction": .string(direction.rawValue),
            "outcome": .string(outcome.rawValue),
        ]
        if let note { body["note"] = .string(note) }
        if let location { body["location"] = .string(location) }
        var edits: [Edit] = [.create(.contact, id: contactID, customer: customer, body: .object(body))]
        if let promise {
            edits.append(
                .create(
                    .promise, id: AgentHome.newID("P"), customer: customer,
                    body: .object([
                        "contactId": .string(contactID), "amount": .int(promise.amount),
                        "date": .string(promise.date.description), "at": at,
                    ])))
        }
        try commit(edits)
        return contactID
    }

    /// Adds a satisfaction note (score 1–5, optional effort and comment); returns the note id.
    @discardableResult
    public func addNote(
        customer: String, score: Int, effort: Int? = nil, comment: String? = nil, contact: String? = nil
    ) throws(AgentHomeError) -> String {
        try requireCustomer(customer)
        let noteID = AgentHome.newID("N")
        var body: [String: Value] = ["at": .string(correctedNow().description)]
        if let contact { body["contactId"] = .string(contact) }
        func field(_ name: String) -> Target { Target(customer: customer, entity: .note, id: noteID, field: name) }
        var edits: [Edit] = [
            .create(.note, id: noteID, customer: customer, body: .object(body)),
            .set(field("score"), .int(Int64(score))),
        ]
        if let effort { edits.append(.set(field("effort"), .int(Int64(effort)))) }
        if let comment { edits.append(.set(field("comment"), .string(comment))) }
        try commit(edits)
        return noteID
    }

    /// Resolves a conflict by writing `value` over every concurrent value. `field` is a customer
    /// field (`phone`) or a note field as conflicts list it (`note:ID.score`).
    @discardableResult
    public func resolve(customer: String, field: String, value: String?) throws(AgentHomeError) -> Change {
        try requireCustomer(customer)
        guard field.hasPrefix("note:"), let dot = field.lastIndex(of: ".") else {
            return try commit([.set(Target(customer: customer, field: field), value.map(Value.string) ?? .null)])[0]
        }
        let noteID = String(field[field.index(field.startIndex, offsetBy: 5)..<dot])
        let name = String(field[field.index(after: dot)...])
        let parsed: Value =
            switch (name, value) {
            case (_, nil): .null
            case ("score", let text?), ("effort", let text?): Int64(text).map(Value.int) ?? .string(text)
            case (_, let text?): .string(text)
            }
        return try commit([.set(Target(customer: customer, entity: .note, id: noteID, field: name), parsed)])[0]
    }

    func requireCustomer(_ id: String) throws(AgentHomeError) {
        try requireData()
        guard customer(id: id) != nil else { throw .unknownCustomer(id) }
    }

    /// Validates every edit as the server would, then records them in one durable transaction.
    @discardableResult
    func commit(_ edits: [Edit]) throws(AgentHomeError) -> [Change] {
        try requireData()
        let at = now()
        for edit in edits {
            let probe = Change(
                id: ChangeID(replica: configuration.replicaID, counter: 1), hlc: HLCTimestamp(wallMillis: 0),
                agent: configuration.agent, target: edit.target, op: edit.operation, value: edit.value)
            if let problem = validator.problem(with: probe) {
                throw .invalidEdit(reason: problem.reason, detail: problem.detail)
            }
        }
        do {
            return try replica.record(edits, agent: configuration.agent, at: at)
        } catch {
            throw .store(error)
        }
    }

    static func newID(_ prefix: String) -> String {
        prefix + "-" + Hex.random(byteCount: 8)
    }
}
