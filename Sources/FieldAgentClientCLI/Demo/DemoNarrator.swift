import FieldAgentCommandKit

/// How the demo speaks: numbered chapter headings and indented lines, in colour when the terminal allows.
struct DemoNarrator: Sendable {
    var console: Console
    var terminal: Terminal

    /// One line on stdout.
    func say(_ text: String) { console.out(text) }

    /// A blank line, then the chapter's number and title in bold.
    func heading(_ number: Int, _ title: String) { say("\n" + terminal.paint("\(number). \(title)", .bold)) }

    /// `text` in `style` when colour is on.
    func paint(_ text: String, _ style: Terminal.Style) -> String { terminal.paint(text, style) }

    /// A device name padded to the width of the longest, so columns line up.
    static func device(_ name: String) -> String { name.rightPadded(12) }
}
