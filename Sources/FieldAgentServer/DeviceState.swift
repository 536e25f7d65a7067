/// Where a registered device stands, as `device list` shows it.
public enum DeviceState: String, Sendable, Hashable, CaseIterable {
    /// Its token works.
    case active
    /// The back office revoked it; its token gets `401 device-revoked`.
    case revoked
    /// Revoked with a wipe, and the device reported that it deleted its data.
    case wiped
}
