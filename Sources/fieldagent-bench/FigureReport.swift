import FieldAgentCore
import Foundation

/// Prints a workload's figures: one `name  value` line each, or one JSON object with `--json`.
enum FigureReport {
    /// Writes `figures` to standard output.
    static func show(_ figures: [(String, Value)], json: Bool) {
        if json {
            // Later figures win over earlier ones of the same name.
            print(JSON.string(.object(Dictionary(figures, uniquingKeysWith: { $1 }))))
            return
        }
        let width = figures.map(\.0.count).max() ?? 0
        for (key, value) in figures {
            let shown: String
            if case .double(let d) = value { shown = String(format: "%.4f", d) } else { shown = JSON.string(value) }
            print(key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + shown)
        }
    }
}
