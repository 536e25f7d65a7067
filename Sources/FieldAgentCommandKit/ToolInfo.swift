/// Names and version shared by both tools.
public enum ToolInfo {
    /// The version both tools print with `--version`.
    public static let version = "0.1.0"
    /// The sync protocol version they speak.
    public static let protocolVersion = 1
}
