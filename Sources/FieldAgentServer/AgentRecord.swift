/// An agent as the server knows it: a name, the SHA-256 of its token, and whether the token was revoked.
///
/// The token itself is never stored; only whoever received it from `agent add` holds it.
public struct AgentRecord: Hashable, Sendable {
    /// The agent's name, as used in changes' `agent` member and in assignments.
    public var name: String
    /// SHA-256 of the token's 32 raw bytes.
    public var tokenHash: [UInt8]
    /// A revoked agent's token gets `401 token-revoked` from the next request on.
    public var revoked: Bool

    /// An agent record with the given members.
    public init(name: String, tokenHash: [UInt8], revoked: Bool = false) {
        self.name = name
        self.tokenHash = tokenHash
        self.revoked = revoked
    }
}
