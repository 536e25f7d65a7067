import FieldAgentCore

/// Why a message body could not be read as the protocol message expected.
///
/// Descriptions name the byte offset or the member path, never a value (bodies may hold personal data).
public enum WireDecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body is not JSON.
    case json(JSONError)
    /// The JSON does not have the message's shape; the error names the first bad member.
    case shape(ValidationError)
    /// A binary page does not decode exactly (wrong magic or version, truncated, bytes left over).
    case binary(DecodeError)

    public var description: String {
        switch self {
        case .json(let error): error.description
        case .shape(let error): error.description
        case .binary(let error): error.description
        }
    }

    /// `body` parsed as JSON.
    static func parse(_ body: [UInt8]) throws(WireDecodeError) -> Value {
        do {
            return try JSON.parse(body)
        } catch {
            throw .json(error)
        }
    }

    /// `body` parsed as JSON and read by `read` (a message's `init(json:)`).
    static func decode<Message>(
        _ body: [UInt8], _ read: (Value) throws(ValidationError) -> Message
    ) throws(WireDecodeError) -> Message {
        let json = try parse(body)
        do {
            return try read(json)
        } catch {
            throw .shape(error)
        }
    }
}
