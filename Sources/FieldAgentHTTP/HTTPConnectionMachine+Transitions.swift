/// One transition per ``HTTPConnectionEvent``; ``HTTPConnectionMachine/receive(_:)`` settles interest and deadline.
extension HTTPConnectionMachine {
    mutating func read(_ bytes: UnsafeRawBufferPointer, into actions: inout [HTTPConnectionAction]) {
        // Lingering: input is read only to see the peer's FIN, and dropped.
        if state == .lingering { return }
        parser.append(bytes)
        // A slow body is fine as long as it keeps coming.
        if deadline == .body { actions.append(.armDeadline(.body)) }
        if state == .reading { takeRequests(peerClosed: false, into: &actions) }
    }

    mutating func peerClosed(into actions: inout [HTTPConnectionAction]) {
        switch state {
        case .reading: takeRequests(peerClosed: true, into: &actions)
        case .awaitingResponse: state = .awaitingResponse(peerClosed: true)
        case .finishing(let awaitingResponse, _): state = .finishing(awaitingResponse: awaitingResponse, then: .close)
        case .lingering: close(into: &actions)
        case .closed: break
        }
    }

    mutating func hungUp(into actions: inout [HTTPConnectionAction]) {
        switch state {
        // No response can be delivered, and poll would keep reporting the hangup while a
        // handler runs, so drop the connection now.
        case .awaitingResponse(peerClosed: true), .finishing(_, then: .close): close(into: &actions)
        case .reading, .awaitingResponse(peerClosed: false), .finishing(_, then: .linger), .lingering, .closed: break
        }
    }

    mutating func responseReady(_ bytes: [UInt8], keepAlive: Bool, into actions: inout [HTTPConnectionAction]) {
        switch state {
        case .awaitingResponse(let peerClosed):
            enqueue(bytes)
            if keepAlive {
                state = .reading
                takeRequests(peerClosed: peerClosed, into: &actions)
            } else {
                state = .finishing(awaitingResponse: false, then: peerClosed ? .close : .linger)
            }
        case .finishing(awaitingResponse: true, let then):
            enqueue(bytes)
            state = .finishing(awaitingResponse: false, then: then)
        case .reading, .finishing(awaitingResponse: false, _), .lingering, .closed:
            // Nothing is in flight, so this answer is stale.
            break
        }
    }

    mutating func wrote(_ count: Int, into actions: inout [HTTPConnectionAction]) {
        outputOffset = min(output.count, outputOffset + max(0, count))
        if count > 0 && deadline == .write { actions.append(.armDeadline(.write)) }
        guard !hasPendingOutput else { return }
        output.removeAll(keepingCapacity: output.capacity <= 64 * 1024)
        outputOffset = 0
        guard case .finishing(awaitingResponse: false, let then) = state else { return }
        switch then {
        case .linger:
            actions.append(.shutdownWrite)
            state = .lingering
        case .close:
            close(into: &actions)
        }
    }

    mutating func deadlinePassed(into actions: inout [HTTPConnectionAction]) {
        guard let deadline else { return }
        switch deadline {
        case .header, .body:
            // Tell a slow client why, best effort, then cut it off.
            let problem = HTTPProblem(
                type: problemTypePrefix.map { $0 + "request-timeout" } ?? "about:blank", status: 408,
                title: HTTPStatus.reasonPhrase(for: 408), detail: "The request did not arrive in time.")
            let response = HTTPResponse(problem: problem)
            actions.append(.sendOnce(HTTPResponseWriter.serialize(response, keepAlive: false)))
            actions.append(.report(.refused(response)))
        case .idle, .write, .linger:
            break
        }
        close(into: &actions)
    }

    mutating func stop(into actions: inout [HTTPConnectionAction]) {
        switch state {
        case .reading:
            if hasPendingOutput {
                state = .finishing(awaitingResponse: false, then: .close)
            } else {
                close(into: &actions)
            }
        case .awaitingResponse: state = .finishing(awaitingResponse: true, then: .close)
        case .finishing(let awaitingResponse, _): state = .finishing(awaitingResponse: awaitingResponse, then: .close)
        case .lingering: close(into: &actions)
        case .closed: break
        }
    }

    mutating func close(into actions: inout [HTTPConnectionAction]) {
        state = .closed
        actions.append(.close)
    }

    /// Takes parser events until a request goes to a worker, the input is refused, or more input is needed.
    ///
    /// With `peerClosed` no more input will come, so a connection left with nothing to take
    /// finishes what is queued and closes.
    private mutating func takeRequests(peerClosed: Bool, into actions: inout [HTTPConnectionAction]) {
        while state == .reading, let event = parser.nextEvent() {
            switch event {
            case .sendContinue:
                enqueue(HTTPResponseWriter.continueBytes)
            case .request(let request):
                state = .awaitingResponse(peerClosed: peerClosed)
                actions.append(.dispatch(request))
            case .error(let error):
                let response = HTTPResponse(parseError: error, typePrefix: problemTypePrefix)
                enqueue(HTTPResponseWriter.serialize(response, keepAlive: false))
                state = .finishing(awaitingResponse: false, then: peerClosed ? .close : .linger)
                actions.append(.report(.refused(response)))
            }
        }
        guard peerClosed, state == .reading else { return }
        if hasPendingOutput {
            state = .finishing(awaitingResponse: false, then: .close)
        } else {
            close(into: &actions)
        }
    }
}
