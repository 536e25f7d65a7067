import Foundation

/// The flags of `fieldagent-bench company`.
///
/// `--quick` is the small path for checking a debug build (1,000 customers, short load and push
/// phases); any flag given explicitly overrides it.
struct CompanyOptions {
    /// Customers in the portfolio (N).
    var customers = 10_000
    /// Customers per agent; the agents are N / this, rounded up.
    var customersPerAgent = 200
    /// Months of installments per account.
    let months = 24
    /// Contacts per customer over the past year.
    var contactsPerCustomer = 10
    /// Changes to other agents' customers before the incremental pull (K).
    var changes = 10_000
    /// Devices making their first sync at once (round robin over the agents).
    var agentsAtOnce = 100
    /// Devices pushing at once.
    var pushingDevices = 50
    /// Changes per push of a pushing device.
    var pushBatch = 10
    /// How long the devices push.
    var pushSeconds = 3
    /// Connections of the device-less push load, each one replica id.
    var pushConnections = 100
    /// Changes per push of the device-less push load.
    var pushLoadBatch = 50
    /// Keep-alive connections of the no-op pull load.
    var connections = 200
    /// How long the load runs.
    var loadSeconds = 5
    /// The longest a step may run before the process prints what it has and stops.
    var stepLimitSeconds = 600
    /// Print one JSON object.
    var json = false

    static let usage = """
        company options: [--customers N] [--quick] [--changes K] [--agents-at-once A] [--pushing-devices D] \
        [--push-batch B] [--push-seconds S] [--push-connections P] [--push-load-batch L] [--connections C] [--load-seconds S] [--contacts-per-customer C] \
        [--customers-per-agent P] [--step-limit SECONDS]
        """

    private static var flags: [String: WritableKeyPath<CompanyOptions, Int>] {
        [
            "--customers": \.customers, "--customers-per-agent": \.customersPerAgent,
            "--contacts-per-customer": \.contactsPerCustomer, "--changes": \.changes,
            "--agents-at-once": \.agentsAtOnce, "--pushing-devices": \.pushingDevices, "--push-batch": \.pushBatch,
            "--push-seconds": \.pushSeconds,
            "--push-connections": \.pushConnections, "--push-load-batch": \.pushLoadBatch,
            "--connections": \.connections, "--load-seconds": \.loadSeconds,
            "--step-limit": \.stepLimitSeconds,
        ]
    }

    /// The options in `arguments` (the command line after the program name); exits with the usage
    /// on standard error (status 2) for an unknown flag, a missing or non-positive number, or fewer
    /// than two agents' customers.
    static func parse(_ arguments: [String]) -> CompanyOptions {
        var options = CompanyOptions()
        if arguments.contains("--quick") {
            options.customers = 1_000
            options.changes = 1_000
            options.agentsAtOnce = 20
            options.pushingDevices = 10
            options.pushSeconds = 1
            options.pushConnections = 20
            options.connections = 50
            options.loadSeconds = 1
            options.stepLimitSeconds = 300
        }
        options.json = arguments.contains("--json")
        var rest = arguments.filter { $0 != "company" && $0 != "--quick" && $0 != "--json" }[...]
        while let flag = rest.popFirst() {
            guard let path = flags[flag], let text = rest.popFirst(), let number = Int(text), number > 0 else {
                fail("\(flag): unknown flag, or not followed by a positive number")
            }
            options[keyPath: path] = number
        }
        guard options.customers >= 2 * options.customersPerAgent else {
            fail("--customers must be at least twice --customers-per-agent: the workload needs two agents")
        }
        return options
    }

    private static func fail(_ problem: String) -> Never {
        FileHandle.standardError.write(Data("fieldagent-bench company: \(problem)\n\(usage)\n".utf8))
        exit(2)
    }
}
