/// Who sent a request: an agent, with its own token or with the device token of one of its devices.
struct Caller: Sendable, Equatable {
    /// The agent the token acts for.
    var agent: String
    /// The registered device whose token was sent; nil for the agent's own token.
    var device: DeviceRecord?

    /// A caller with the given members.
    init(agent: String, device: DeviceRecord? = nil) {
        self.agent = agent
        self.device = device
    }
}
