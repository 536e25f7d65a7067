/// One command of a tool: how it is named and parsed, and what it does.
///
/// Parsing happens entirely in `init`, before `run`, so a bad command line changes nothing.
public protocol ToolCommand: Sendable {
    /// Words after the tool name, e.g. `["customer", "show"]`.
    static var path: [String] { get }
    /// One line for the command list.
    static var abstract: String { get }
    /// Arguments and options, shown after the command path in usage.
    static var synopsis: String { get }
    /// Longer help text: options, examples.
    static var details: String { get }
    /// Options that take a value.
    static var valuedOptions: Set<String> { get }

    init(_ arguments: inout ArgumentCursor) throws(UsageError)
}

extension ToolCommand {
    /// No longer help text.
    public static var details: String { "" }
    /// No option takes a value.
    public static var valuedOptions: Set<String> { [] }
}
