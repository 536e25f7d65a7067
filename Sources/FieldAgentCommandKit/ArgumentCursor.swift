/// Walks a command line: options (`--name value`, `--name=value`, flags) and positionals, in any order.
///
/// Each command pulls what it knows, then calls ``finish()``, which rejects anything left over, so an
/// unknown or misspelt option is an error rather than silently ignored.
public struct ArgumentCursor: Sendable {
    private var options: [(name: String, value: String?)] = []
    private var positionals: [String] = []
    private var taken = Set<Int>()
    private var positionalIndex = 0
    /// The usage text reported with errors.
    public var usage: String

    /// Splits `arguments`. `valued` lists the options that take a value (`--home`, `--date` …).
    public init(_ arguments: [String], valued: Set<String>, usage: String) throws(UsageError) {
        self.usage = usage
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let a = arguments[index]
            index += 1
            if onlyPositionals || !a.hasPrefix("--") || a == "--" {
                if a == "--" && !onlyPositionals {
                    onlyPositionals = true
                } else {
                    positionals.append(a)
                }
                continue
            }
            if let eq = a.firstIndex(of: "=") {
                options.append((String(a[..<eq]), String(a[a.index(after: eq)...])))
            } else if valued.contains(a) {
                guard index < arguments.count else { throw UsageError("option \(a) needs a value", usage: usage) }
                options.append((a, arguments[index]))
                index += 1
            } else {
                options.append((a, nil))
            }
        }
    }

    /// True if the flag is present (and consumes it).
    public mutating func flag(_ name: String) throws(UsageError) -> Bool {
        guard let i = options.indices.first(where: { options[$0].name == name && !taken.contains($0) }) else {
            return false
        }
        guard options[i].value == nil else { throw UsageError("option \(name) does not take a value", usage: usage) }
        taken.insert(i)
        return true
    }

    /// The value of `--name VALUE`, if given (and consumes it).
    public mutating func option(_ name: String) throws(UsageError) -> String? {
        guard let i = options.indices.first(where: { options[$0].name == name && !taken.contains($0) }) else {
            return nil
        }
        guard let value = options[i].value else { throw UsageError("option \(name) needs a value", usage: usage) }
        taken.insert(i)
        if options.indices.contains(where: { options[$0].name == name && !taken.contains($0) }) {
            throw UsageError("option \(name) is given twice", usage: usage)
        }
        return value
    }

    /// Every value of a repeatable option.
    public mutating func options(_ name: String) throws(UsageError) -> [String] {
        var out: [String] = []
        while let v = try option(name) { out.append(v) }
        return out
    }

    /// The next positional argument, or a usage error naming it.
    public mutating func positional(_ name: String) throws(UsageError) -> String {
        guard let value = optionalPositional() else { throw UsageError("missing \(name)", usage: usage) }
        return value
    }

    /// The next positional argument, if any.
    public mutating func optionalPositional() -> String? {
        guard positionalIndex < positionals.count else { return nil }
        defer { positionalIndex += 1 }
        return positionals[positionalIndex]
    }

    /// All remaining positional arguments.
    public mutating func remainingPositionals() -> [String] {
        defer { positionalIndex = positionals.count }
        return Array(positionals[positionalIndex...])
    }

    /// Rejects anything not consumed.
    public func finish() throws(UsageError) {
        if let i = options.indices.first(where: { !taken.contains($0) }) {
            throw UsageError("unknown option \(options[i].name)", usage: usage)
        }
        if positionalIndex < positionals.count {
            throw UsageError("unexpected argument '\(positionals[positionalIndex])'", usage: usage)
        }
    }
}
