/// Failures found by the command layer itself, with what to do about them.
enum CLIError: Error, CustomStringConvertible {
    case unknownCustomer(String)
    case noSuchConflict(customer: String, field: String)
    /// The token could not be read from where `init` was told to; says why, never the token.
    case tokenUnreadable(String)

    var description: String {
        switch self {
        case .unknownCustomer(let id):
            "customer \(id) is not on this device; check the id with `fieldagent customers`, or sync first"
        case .noSuchConflict(let customer, let field):
            "\(customer) has no conflict on \(field); `fieldagent conflicts` lists the open ones"
        case .tokenUnreadable(let why): why
        }
    }
}
