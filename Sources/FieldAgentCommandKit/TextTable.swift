/// A plain-text table with aligned columns; numbers align right.
public struct TextTable: Sendable {
    /// How a column's cells line up.
    public enum Alignment: Sendable { case left, right }

    var headers: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    /// A table with these column headers; columns align left unless `alignments` says otherwise.
    public init(_ headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? headers.map { _ in .left }
    }

    /// Appends a row of cells, one per column.
    public mutating func add(_ row: [String]) { rows.append(row) }

    /// Renders the table; `paintHeader` styles the header row (e.g. bold on a TTY).
    public func render(paintHeader: (String) -> String = { $0 }) -> String {
        let all = [headers] + rows
        var widths = headers.map { _ in 0 }
        for row in all {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], TextTable.width(cell))
            }
        }
        func line(_ row: [String]) -> String {
            var parts: [String] = []
            for (i, cell) in row.enumerated() where i < widths.count {
                let pad = String(repeating: " ", count: widths[i] - TextTable.width(cell))
                parts.append(alignments[i] == .right ? pad + cell : (i == row.count - 1 ? cell : cell + pad))
            }
            return parts.joined(separator: "  ")
        }
        var out = [paintHeader(line(headers))]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }

    /// Display width, ignoring ANSI colour sequences.
    static func width(_ s: String) -> Int {
        var count = 0
        var inEscape = false
        for scalar in s.unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                count += 1
            }
        }
        return count
    }
}
