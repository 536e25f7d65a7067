/// What recovery established about the current generation, handed to ``Store``'s initializer.
struct OpenedState {
    var generation: UInt64
    var metadata: [String: [UInt8]]
    var logSize: Int
    var snapshotSize: Int
    var appliedMigrations: [String]
    var fsyncs: Int
}
