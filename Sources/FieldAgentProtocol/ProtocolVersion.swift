/// The version of the sync protocol this code speaks (protocol.md, "version 1").
///
/// One constant for everything that states it: the `/v1/` path prefix, the health answer's
/// `protocol` member and the tools' `--version` line.
public enum ProtocolVersion {
    /// The protocol version: `1`.
    public static let current = 1
}
