import FieldAgentStore

/// What ``AgentHome/repair(at:now:)`` found and did. Names files and byte counts, never their contents.
public struct HomeRepair: Sendable, Equatable {
    /// What made the home unusable (a missing or damaged file, missing configuration); nil when the
    /// home was healthy, and then nothing was changed.
    public var problem: String?
    /// This device's changes that could still be read and were kept, pending until the next sync
    /// sends them (the server answers `duplicate` for those it already holds).
    public var keptChanges = 0
    /// What could not be read: missing files and unreadable byte ranges, with the reason.
    public var lost: [SalvageLoss] = []
    /// Where the configuration (server, agent, replica id) was found: the store, or `HOME/home.json`.
    public var configurationSource: String?

    /// Whether the home was healthy (nothing was repaired).
    public var isHealthy: Bool { problem == nil }

    /// The report of a repair; with no `problem`, of a healthy home.
    public init(
        problem: String? = nil, keptChanges: Int = 0, lost: [SalvageLoss] = [], configurationSource: String? = nil
    ) {
        self.problem = problem
        self.keptChanges = keptChanges
        self.lost = lost
        self.configurationSource = configurationSource
    }
}
