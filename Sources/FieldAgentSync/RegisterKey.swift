import FieldAgentCore

/// One register of the merge engine: an operation (`set` or `flag`) on a target.
struct RegisterKey: Hashable, Sendable {
    var op: Operation
    var target: Target
}
