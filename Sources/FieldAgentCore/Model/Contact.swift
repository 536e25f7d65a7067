/// An immutable record of one contact attempt. Corrections are new contacts that name the one they amend.
public struct Contact: Codable, Hashable, Sendable {
    public var id: String
    public var customerId: String
    public var agent: String
    public var at: Instant
    public var channel: Channel
    public var direction: ContactDirection
    public var outcome: ContactOutcome
    public var note: String?
    /// Free-form location, e.g. coordinates or a place name.
    public var location: String?
    /// The contact this one corrects, if it is an amendment.
    public var amends: String?

    public init(
        id: String, customerId: String, agent: String, at: Instant, channel: Channel,
        direction: ContactDirection = .outbound, outcome: ContactOutcome, note: String? = nil,
        location: String? = nil, amends: String? = nil
    ) {
        self.id = id
        self.customerId = customerId
        self.agent = agent
        self.at = at
        self.channel = channel
        self.direction = direction
        self.outcome = outcome
        self.note = note
        self.location = location
        self.amends = amends
    }
}
