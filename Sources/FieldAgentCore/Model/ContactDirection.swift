/// Whether the agent reached out or the customer did.
public enum ContactDirection: String, Codable, CaseIterable, Sendable {
    case outbound, inbound
}
