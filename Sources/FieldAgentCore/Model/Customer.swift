/// A person or business that owes money, as imported from the creditor's ledger and edited by agents.
///
/// Coding keys are the portfolio import format's keys (see SPEC.md → Portfolio import format).
public struct Customer: Hashable, Sendable {
    public var id: String
    public var name: String
    public var phone: String?
    public var email: String?
    public var address: String?
    /// ISO 639 language code, e.g. `fi`.
    public var language: String?
    /// IANA time zone, e.g. `Europe/Helsinki`.
    public var timeZone: String
    public var preferredChannel: Channel?
    public var contactWindow: ContactWindow?
    public var flags: Set<Flag>
    /// Free-text profile note.
    public var note: String?
    /// Agents assigned by the back office.
    public var agents: [String]
    public var accounts: [Account]

    public init(
        id: String, name: String, phone: String? = nil, email: String? = nil, address: String? = nil,
        language: String? = nil, timeZone: String, preferredChannel: Channel? = nil,
        contactWindow: ContactWindow? = nil, flags: Set<Flag> = [], note: String? = nil, agents: [String] = [],
        accounts: [Account] = []
    ) {
        self.id = id
        self.name = name
        self.phone = phone
        self.email = email
        self.address = address
        self.language = language
        self.timeZone = timeZone
        self.preferredChannel = preferredChannel
        self.contactWindow = contactWindow
        self.flags = flags
        self.note = note
        self.agents = agents
        self.accounts = accounts
    }

    /// The fields an agent may change with `customer set`, by portfolio key.
    public static let editableFields: [String] = [
        "name", "phone", "email", "address", "language", "timeZone", "preferredChannel", "contactWindow", "note",
    ]
}

extension Customer: Codable {
    enum CodingKeys: String, CodingKey {
        case id, name, phone, email, address, language, timeZone, preferredChannel, contactWindow, flags, note
        case agent, agents, accounts
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        phone = try c.decodeIfPresent(String.self, forKey: .phone)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        address = try c.decodeIfPresent(String.self, forKey: .address)
        language = try c.decodeIfPresent(String.self, forKey: .language)
        timeZone = try c.decode(String.self, forKey: .timeZone)
        preferredChannel = try c.decodeIfPresent(Channel.self, forKey: .preferredChannel)
        contactWindow = try c.decodeIfPresent(ContactWindow.self, forKey: .contactWindow)
        flags = Set(try c.decodeIfPresent([Flag].self, forKey: .flags) ?? [])
        note = try c.decodeIfPresent(String.self, forKey: .note)
        if let many = try c.decodeIfPresent([String].self, forKey: .agents) {
            agents = many
        } else {
            agents = try c.decodeIfPresent(String.self, forKey: .agent).map { [$0] } ?? []
        }
        accounts = try c.decodeIfPresent([Account].self, forKey: .accounts) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(phone, forKey: .phone)
        try c.encodeIfPresent(email, forKey: .email)
        try c.encodeIfPresent(address, forKey: .address)
        try c.encodeIfPresent(language, forKey: .language)
        try c.encode(timeZone, forKey: .timeZone)
        try c.encodeIfPresent(preferredChannel, forKey: .preferredChannel)
        try c.encodeIfPresent(contactWindow, forKey: .contactWindow)
        try c.encode(flags.map(\.rawValue).sorted(), forKey: .flags)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encode(agents, forKey: .agents)
        try c.encode(accounts, forKey: .accounts)
    }
}
