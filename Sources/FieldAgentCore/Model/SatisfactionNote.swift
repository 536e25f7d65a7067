/// A customer-satisfaction score (CSAT 1–5) with optional effort score and comment. Editable.
public struct SatisfactionNote: Codable, Hashable, Sendable {
    public var id: String
    public var customerId: String
    public var score: Int
    /// Customer effort score, 1–5, when asked.
    public var effort: Int?
    public var comment: String?
    public var author: String
    public var at: Instant
    /// The contact this note is about, if any.
    public var contactId: String?

    public init(
        id: String, customerId: String, score: Int, effort: Int? = nil, comment: String? = nil, author: String,
        at: Instant, contactId: String? = nil
    ) {
        self.id = id
        self.customerId = customerId
        self.score = score
        self.effort = effort
        self.comment = comment
        self.author = author
        self.at = at
        self.contactId = contactId
    }
}
