import FieldAgentCore
import FieldAgentHTTP
import FieldAgentProtocol

@testable import FieldAgentServer

/// Device registration and wipe reports through a ``ServiceFixture``.
extension ServiceFixture {
    func register(_ token: String, _ device: String) -> HTTPResponse {
        request("POST", "/v1/devices", token: token, body: JSON.string(DeviceRegistration(device: device).json))
    }

    /// Registers `device` with `token` and returns the device token.
    func deviceToken(_ token: String, _ device: String) throws -> String {
        let response = register(token, device)
        guard response.status == 200 else { throw FixtureError.status(response.status) }
        return try DeviceToken(body: response.body).token
    }

    func reportWiped(_ token: String, lostChanges: Int) -> HTTPResponse {
        request(
            "POST", "/v1/devices/wiped", token: token, body: JSON.string(WipeReport(lostChanges: lostChanges).json))
    }

    /// The problem body of an error answer.
    static func problem(_ response: HTTPResponse) throws -> Problem { try Problem(body: response.body) }
}
