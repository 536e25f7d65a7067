import FieldAgentCore

/// The body of a `200` answer to `POST /v1/push`: one result per change, in order, and the server's clock.
public struct PushResponse: Sendable, Equatable {
    /// One verdict per pushed change, in request order.
    public var results: [ChangeResult]
    /// The server's wall clock in milliseconds since the Unix epoch, for the client's skew estimate.
    public var serverTime: Int64

    /// A response with the given members.
    public init(results: [ChangeResult], serverTime: Int64) {
        self.results = results
        self.serverTime = serverTime
    }

    /// The JSON form.
    public var json: Value {
        .object(["results": .list(results.map(\.json)), "serverTime": .int(serverTime)])
    }

    /// The response body: the JSON form as UTF-8.
    public var body: [UInt8] { JSON.bytes(json) }

    /// Reads a push response.
    public init(json: Value) throws(ValidationError) {
        guard let object = json.objectValue, let list = object["results"]?.listValue,
            let serverTime = object["serverTime"]?.intValue
        else { throw ValidationError(path: "", problem: "a push answer needs results and serverTime") }
        var results: [ChangeResult] = []
        results.reserveCapacity(list.count)
        for (index, item) in list.enumerated() {
            results.append(try ChangeResult(json: item, path: "results[\(index)]"))
        }
        self.init(results: results, serverTime: serverTime)
    }

    /// Reads a push response from its bytes.
    public init(body: [UInt8]) throws(WireDecodeError) {
        self = try WireDecodeError.decode(body) { (json) throws(ValidationError) in try PushResponse(json: json) }
    }
}
