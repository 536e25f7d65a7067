import Foundation

/// Where output goes and how it may look: colour only on a TTY and never with `NO_COLOR`.
public struct Terminal: Sendable {
    /// Whether ``paint(_:_:)`` adds ANSI colour.
    public var colour: Bool
    /// Whether standard output is a terminal (progress lines are shown only then).
    public var isTTY: Bool
    /// Columns available, from `COLUMNS` (default 100).
    public var width: Int

    /// Reads the environment of this process.
    public static func current() -> Terminal {
        let tty = isatty(STDOUT_FILENO) == 1
        let env = ProcessInfo.processInfo.environment
        let noColour = env["NO_COLOR"].map { !$0.isEmpty } ?? false
        let columns = env["COLUMNS"].flatMap(Int.init) ?? 100
        return Terminal(colour: tty && !noColour && env["TERM"] != "dumb", isTTY: tty, width: columns)
    }

    /// A terminal with these properties (tests, pipes).
    public init(colour: Bool, isTTY: Bool, width: Int = 100) {
        self.colour = colour
        self.isTTY = isTTY
        self.width = width
    }

    /// Plain output for tests and pipes.
    public static let plain = Terminal(colour: false, isTTY: false)

    /// ANSI text styles.
    public enum Style: String, Sendable {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case blue = "34"
        case magenta = "35"
        case cyan = "36"
    }

    /// `text` in `style` when colour is on, else unchanged.
    public func paint(_ text: String, _ style: Style) -> String {
        colour ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}
