import FieldAgentProtocol

/// Names and version shared by both tools.
public enum ToolInfo {
    /// The version both tools print with `--version`.
    public static let version = "0.1.0"

    /// The `--version` line of `tool`: its version and the sync protocol version it speaks.
    public static func versionLine(_ tool: String) -> String {
        "\(tool) \(version) (protocol v\(ProtocolVersion.current))"
    }
}
