import FieldAgentCore

/// What applying one pulled page changed on the device.
public struct PageOutcome: Sendable, Equatable {
    /// The merge report for the page's changes (duplicates include this device's own changes coming back).
    public var report = ApplyReport()
    /// Customers purged because they are no longer assigned to this agent.
    public var purged: [String] = []
    /// Customers erased by the page.
    public var erased: [String] = []
    /// Pending local changes dropped because their customer was erased (listed as rejected).
    public var droppedPending: [RejectedChange] = []

    /// An empty outcome.
    public init() {}
}
