import FieldAgentCore

/// One back-office request on the admin socket: a JSON object on one line, answered by one line.
///
/// Request: `{"op": "agent-add", "name": "alice"}`. Answer: `{"ok": true, "result": …}` or
/// `{"ok": false, "error": "…"}` with the error's description.
public enum AdminRequest: Sendable, Equatable {
    case addAgent(name: String)
    case revokeAgent(name: String)
    case listAgents
    case listDevices
    case revokeDevice(id: String, wipe: Bool)
    case importPortfolio(path: String)
    case assign(customer: String, agent: String)
    case unassign(customer: String, agent: String)
    case kpi(from: LocalDate, to: LocalDate)
    case erase(customer: String)

    /// The JSON form.
    public var json: Value {
        switch self {
        case .addAgent(let name): .object(["op": "agent-add", "name": .string(name)])
        case .revokeAgent(let name): .object(["op": "agent-revoke", "name": .string(name)])
        case .listAgents: .object(["op": "agent-list"])
        case .listDevices: .object(["op": "device-list"])
        case .revokeDevice(let id, let wipe):
            .object(["op": "device-revoke", "device": .string(id), "wipe": .bool(wipe)])
        case .importPortfolio(let path): .object(["op": "import", "path": .string(path)])
        case .assign(let customer, let agent):
            .object(["op": "assign", "customer": .string(customer), "agent": .string(agent)])
        case .unassign(let customer, let agent):
            .object(["op": "unassign", "customer": .string(customer), "agent": .string(agent)])
        case .kpi(let from, let to):
            .object(["op": "kpi", "from": .string(from.description), "to": .string(to.description)])
        case .erase(let customer): .object(["op": "erase", "customer": .string(customer)])
        }
    }

    /// Reads ``json``; nil for anything else.
    public init?(json: Value) {
        func text(_ key: String) -> String? { json[key]?.stringValue }
        switch text("op") {
        case "agent-add": guard let name = text("name") else { return nil }; self = .addAgent(name: name)
        case "agent-revoke": guard let name = text("name") else { return nil }; self = .revokeAgent(name: name)
        case "agent-list": self = .listAgents
        case "device-list": self = .listDevices
        case "device-revoke":
            guard let id = text("device"), let wipe = json["wipe"]?.boolValue else { return nil }
            self = .revokeDevice(id: id, wipe: wipe)
        case "import": guard let path = text("path") else { return nil }; self = .importPortfolio(path: path)
        case "assign":
            guard let customer = text("customer"), let agent = text("agent") else { return nil }
            self = .assign(customer: customer, agent: agent)
        case "unassign":
            guard let customer = text("customer"), let agent = text("agent") else { return nil }
            self = .unassign(customer: customer, agent: agent)
        case "kpi":
            guard let from = text("from").flatMap({ LocalDate($0) }), let to = text("to").flatMap({ LocalDate($0) })
            else { return nil }
            self = .kpi(from: from, to: to)
        case "erase": guard let customer = text("customer") else { return nil }; self = .erase(customer: customer)
        default: return nil
        }
    }
}

extension AdminService {
    /// Performs `request`; the result as JSON (`null` for operations without one).
    public func perform(_ request: AdminRequest) throws(AdminError) -> Value {
        switch request {
        case .addAgent(let name): return .string(try addAgent(name: name))
        case .revokeAgent(let name): try revokeAgent(name: name)
        case .listAgents: return .list(listAgents().map(\.json))
        case .listDevices: return .list(listDevices().map(\.json))
        case .revokeDevice(let id, let wipe): try revokeDevice(id: id, wipe: wipe)
        case .importPortfolio(let path): return try importPortfolio(atPath: path).json
        case .assign(let customer, let agent): try assign(customer: customer, agent: agent)
        case .unassign(let customer, let agent): try unassign(customer: customer, agent: agent)
        case .kpi(let from, let to): return try kpi(from: from, to: to)
        case .erase(let customer): try erase(customer: customer)
        }
        return .null
    }

    /// Answers one admin-socket line.
    public func answer(line: [UInt8]) -> Value {
        guard let json = try? JSON.parse(line), let request = AdminRequest(json: json) else {
            return .object(["ok": false, "error": AdminError.badReply("not an admin request").json])
        }
        do {
            return .object(["ok": true, "result": try perform(request)])
        } catch {
            return .object(["ok": false, "error": error.json])
        }
    }
}
