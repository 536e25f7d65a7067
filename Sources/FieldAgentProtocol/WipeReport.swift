import FieldAgentCore

/// The body of `POST /v1/devices/wiped`: `{"lostChanges": N}`, sent with the revoked device's token
/// after it deleted every customer's data. `lostChanges` counts the pending changes that were never
/// synced and are gone, so the back office knows what to follow up.
public struct WipeReport: Sendable, Equatable {
    /// Pending changes deleted unsynced.
    public var lostChanges: Int

    /// A report of `lostChanges`.
    public init(lostChanges: Int) { self.lostChanges = lostChanges }

    /// The JSON form.
    public var json: Value { .object(["lostChanges": .int(Int64(lostChanges))]) }

    /// Reads a report.
    public init(json: Value) throws(ValidationError) {
        guard let lost = json["lostChanges"]?.intValue, lost >= 0, lost <= Int64(Int32.max) else {
            throw ValidationError(path: "lostChanges", problem: "must be a count (a non-negative integer)")
        }
        self.init(lostChanges: Int(lost))
    }

    /// Reads a report from its bytes.
    public init(body: [UInt8]) throws(WireDecodeError) {
        self = try WireDecodeError.decode(body) { (json) throws(ValidationError) in try WipeReport(json: json) }
    }
}
