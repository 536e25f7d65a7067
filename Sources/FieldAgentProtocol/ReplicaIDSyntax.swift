import FieldAgentCore

/// The syntax of replica ids and change ids on the wire (protocol.md → Identifiers).
///
/// A replica id is 1 to 64 bytes of ASCII letters, digits, `.`, `_` and `-`. A change id is
/// `replica:counter` with the counter in canonical decimal (no sign, no leading zero, not 0), so
/// an id has one spelling and a result can be matched to its change by the id as sent.
public enum ReplicaIDSyntax {
    /// The longest replica id, in bytes.
    public static let maxBytes = 64

    /// Why `replica` is not a valid replica id, or nil.
    public static func problem(with replica: String) -> String? {
        guard !replica.isEmpty, replica.utf8.count <= maxBytes else { return "must be 1 to \(maxBytes) bytes" }
        let allowed = replica.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        return allowed ? nil : "may hold only ASCII letters, digits, '.', '_' and '-'"
    }

    /// Why `text` is not a change id in canonical form, or nil.
    public static func problem(withChangeID text: String) -> String? {
        guard let id = ChangeID(text) else { return "not a change id (replica:counter)" }
        if let problem = problem(with: id.replica) { return "replica id \(problem)" }
        return id.description == text ? nil : "the counter must be written in canonical decimal"
    }
}
