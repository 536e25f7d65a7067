import FieldAgentCore
import FieldAgentProtocol

extension SyncSession {
    // MARK: - Registration and wipe (protocol.md → Devices)

    /// Starts the push phase: load the first batch.
    mutating func startPushing() -> Action {
        phase = .loading
        return .loadPushBatch(limit: configuration.pushLimit)
    }

    /// Sends `POST /v1/devices` with the configured (agent's) token; the push starts over (loading
    /// its first batch again) once the device is registered, or found not to need it.
    mutating func startRegistration() -> Action {
        phase = .registering
        registrationSent = true
        let body = JSON.bytes(DeviceRegistration(device: configuration.device).json)
        return send(
            TransportRequest(
                method: SyncEndpoint.devices.method, target: SyncEndpoint.devices.path, headers: headers(json: true),
                body: body))
    }

    /// A `200` saves the device token; a `404` (a server without registration) goes on unregistered
    /// with the agent's token, to register at the next sync; anything else is classified as usual.
    mutating func registrationAnswered(_ response: TransportResponse) -> Action {
        if response.status == 404 { return configuration.registerOnly ? finish() : startPushing() }
        if let failure = classify(response) { return failure }
        let answer: DeviceToken
        do {
            answer = try DeviceToken(body: response.body)
        } catch {
            return fail(.invalidResponse(error.description))
        }
        guard answer.device == configuration.device else {
            return fail(.invalidResponse("the device token answer names another device"))
        }
        guard SyncSession.isDeviceToken(answer.token) else {
            return fail(.invalidResponse("the device token is not 64 lowercase hex digits"))
        }
        phase = .savingToken(answer.token)
        return .saveDeviceToken(answer.token)
    }

    /// Whether `token` has the form protocol.md gives device tokens (64 lowercase hex digits), so
    /// nothing else is ever written to the token file.
    static func isDeviceToken(_ token: String) -> Bool {
        token.utf8.count == 64 && token.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// Sends `POST /v1/devices/wiped` with the number of changes the wipe deleted, once: the report
    /// is best effort, and one that gets no acknowledgement is sent again at the next sync.
    mutating func sendWipeReport(_ lost: Int) -> Action {
        phase = .reportingWipe(lost)
        let body = JSON.bytes(WipeReport(lostChanges: lost).json)
        return send(
            TransportRequest(
                method: SyncEndpoint.wiped.method, target: SyncEndpoint.wiped.path, headers: headers(json: true),
                body: body))
    }

    /// A `2xx` acknowledges the report, and so does `409 device-active` (the server does not expect
    /// one: sending it again would not help); any other answer leaves it pending.
    mutating func wipeReportAnswered(_ lost: Int, _ response: TransportResponse) -> Action {
        let problem = try? Problem(body: response.body)
        let done =
            (200..<300).contains(response.status)
            || (response.status == 409 && problem?.problemType == .deviceActive)
        guard done else { return fail(.deviceWiped(server: configuration.server, lostChanges: lost)) }
        phase = .savingWipeReport(lost)
        return .markWipeReported
    }
}
