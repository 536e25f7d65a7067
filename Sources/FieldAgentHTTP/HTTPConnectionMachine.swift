/// One client connection's lifecycle as a pure state machine: events in, actions out.
///
/// The event loop reports what happened on the socket (bytes, FIN, a worker's answer, a
/// finished write, a passed deadline, a stop) with ``receive(_:)`` and performs the returned
/// ``HTTPConnectionAction``s in order. The machine owns the connection's ``HTTPParser``, its
/// output buffer and its ``HTTPConnectionState``; it touches no socket and no clock, so every
/// lifecycle path is tested by feeding events.
///
/// ```swift
/// var machine = HTTPConnectionMachine()
/// machine.receive(.accepted)                 // [.armDeadline(.idle)]
/// bytes.withUnsafeBytes { machine.receive(.read($0)) }   // [.dispatch(request), .disarmDeadline]
/// machine.receive(.responseReady(response, keepAlive: true))   // [.write]
/// machine.receive(.wrote(response.count))    // [.armDeadline(.idle)]
/// ```
///
/// Each connection has at most one request with a worker, so pipelined requests are answered
/// in order; input behind it is buffered up to ``maxPipelinedBytes``, then reading pauses.
public struct HTTPConnectionMachine: Sendable {
    /// The default pipelining cap: 64 KiB of input buffered behind an in-flight request.
    public static let defaultMaxPipelinedBytes = 64 * 1024

    /// Where the connection is; see ``HTTPConnectionState``.
    public internal(set) var state = HTTPConnectionState.reading
    /// The parser for this connection's requests.
    public internal(set) var parser: HTTPParser
    /// The deadline that applies, as last announced with `.armDeadline` or `.disarmDeadline`.
    public internal(set) var deadline: HTTPDeadlineKind?
    /// What the socket is watched for, as last announced with `.setInterest`; readable at first.
    public internal(set) var interest = HTTPConnectionInterest.readable
    /// Input buffered behind an in-flight request beyond which reading pauses.
    public let maxPipelinedBytes: Int
    /// The problem-type prefix of the refusals this machine writes (``HTTPLimits/problemTypePrefix``).
    let problemTypePrefix: String?

    /// Bytes to send, from `outputOffset` on.
    var output: [UInt8] = []
    var outputOffset = 0

    /// A machine for a connection just accepted; feed it ``HTTPConnectionEvent/accepted`` first.
    public init(limits: HTTPLimits = .default, maxPipelinedBytes: Int = defaultMaxPipelinedBytes) {
        self.parser = HTTPParser(limits: limits)
        self.maxPipelinedBytes = maxPipelinedBytes
        self.problemTypePrefix = limits.problemTypePrefix
    }

    /// Whether output is waiting to be written.
    public var hasPendingOutput: Bool { outputOffset < output.count }

    /// How many bytes are waiting to be written.
    public var pendingOutputCount: Int { output.count - outputOffset }

    /// Calls `body` with the bytes waiting to be written; report what was sent with ``HTTPConnectionEvent/wrote(_:)``.
    public func withPendingOutput<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        output.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[outputOffset...])) }
    }

    /// Takes one event and returns what the loop must do, in order.
    ///
    /// After any event that leaves output pending the last action is `.write`; the loop's
    /// ``HTTPConnectionEvent/wrote(_:)`` then settles interest and deadline. Otherwise the
    /// machine announces interest and deadline changes itself, only when they change.
    public mutating func receive(_ event: HTTPConnectionEvent) -> [HTTPConnectionAction] {
        var actions: [HTTPConnectionAction] = []
        if state == .closed { return actions }
        switch event {
        case .accepted: break
        case .read(let bytes): read(bytes, into: &actions)
        case .peerClosed: peerClosed(into: &actions)
        case .hungUp: hungUp(into: &actions)
        case .responseReady(let bytes, let keepAlive): responseReady(bytes, keepAlive: keepAlive, into: &actions)
        case .wrote(let count):
            // Never `.write` again from here: what is left waits for the socket to be writable.
            wrote(count, into: &actions)
            if state != .closed { settle(into: &actions) }
            return actions
        case .deadlinePassed: deadlinePassed(into: &actions)
        case .stop:
            // As the loop always did: no new interest or deadline; the stop deadline rules now.
            stop(into: &actions)
            return actions
        case .abort: close(into: &actions)
        }
        if state == .closed { return actions }
        if hasPendingOutput {
            actions.append(.write)
        } else {
            settle(into: &actions)
        }
        return actions
    }

    /// Appends `bytes` to the output, taking ownership of the array when nothing else is pending.
    mutating func enqueue(_ bytes: [UInt8]) {
        if hasPendingOutput {
            output.append(contentsOf: bytes)
        } else {
            output = bytes
            outputOffset = 0
        }
    }

    /// Announces the interest and deadline the state calls for, if they changed.
    mutating func settle(into actions: inout [HTTPConnectionAction]) {
        let interest = wantedInterest
        if interest != self.interest {
            self.interest = interest
            actions.append(.setInterest(interest))
        }
        let deadline = wantedDeadline
        if deadline != self.deadline {
            self.deadline = deadline
            actions.append(deadline.map { .armDeadline($0) } ?? .disarmDeadline)
        }
    }

    private var wantedInterest: HTTPConnectionInterest {
        if state == .lingering { return .readable }
        if hasPendingOutput { return .writable }
        switch state {
        case .reading: return .readable
        case .awaitingResponse(peerClosed: false) where parser.bufferedByteCount < maxPipelinedBytes: return .readable
        default: return .paused
        }
    }

    private var wantedDeadline: HTTPDeadlineKind? {
        if state == .lingering { return .linger }
        if hasPendingOutput { return .write }
        guard state == .reading else { return nil }
        switch parser.phase {
        case .idle: return .idle
        case .head: return .header
        case .body: return .body
        case .finished: return nil
        }
    }
}
