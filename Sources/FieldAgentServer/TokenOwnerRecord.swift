/// Whom a bearer token belongs to: an agent, or a registered device together with its agent.
public enum TokenOwnerRecord: Hashable, Sendable {
    /// The agent's own token.
    case agent(AgentRecord)
    /// A device token, with the agent the device belongs to.
    case device(DeviceRecord, of: AgentRecord)
}
