/// The demo went wrong: a bug, reported instead of hidden.
enum DemoError: Error, CustomStringConvertible {
    /// Replicas that should agree do not.
    case diverged
    /// The embedded portfolio lacks a customer the story needs.
    case missingCustomer(String)

    var description: String {
        switch self {
        case .diverged: "the demo's replicas did not converge; please report this with the output above"
        case .missingCustomer(let id): "the demo portfolio has no customer \(id)"
        }
    }
}
