import FieldAgentHTTP

/// Shorthands for feeding ``HTTPConnectionMachine`` in tests, as the event loop would.
extension HTTPConnectionMachine {
    /// A machine that has been told it was accepted.
    static func accepted(limits: HTTPLimits = .default, maxPipelinedBytes: Int = defaultMaxPipelinedBytes) -> Self {
        var machine = HTTPConnectionMachine(limits: limits, maxPipelinedBytes: maxPipelinedBytes)
        _ = machine.receive(.accepted)
        return machine
    }

    /// Feeds `text` as one read.
    mutating func read(_ text: String) -> [HTTPConnectionAction] {
        Array(text.utf8).withUnsafeBytes { receive(.read($0)) }
    }

    /// Reports that the socket took all pending output.
    mutating func writeAll() -> [HTTPConnectionAction] {
        receive(.wrote(pendingOutputCount))
    }

    /// Answers the in-flight request with a 200 whose body is `text`.
    mutating func respond(_ text: String = "ok", keepAlive: Bool = true) -> [HTTPConnectionAction] {
        let bytes = HTTPResponseWriter.serialize(HTTPResponse(status: 200, text: text), keepAlive: keepAlive)
        return receive(.responseReady(bytes, keepAlive: keepAlive))
    }

    /// The pending output as text.
    var pendingText: String {
        withPendingOutput { String(decoding: $0, as: UTF8.self) }
    }

    /// The request the parser makes of `text`, to compare with `.dispatch` actions.
    static func request(_ text: String) -> HTTPRequest? {
        var parser = HTTPParser()
        for case .request(let request) in parser.receive(Array(text.utf8)) { return request }
        return nil
    }

    /// The statuses of the request records among `actions`.
    static func reportedStatuses(_ actions: [HTTPConnectionAction]) -> [Int] {
        actions.compactMap { action in
            guard case .report(let record) = action else { return nil }
            return record.status
        }
    }
}
