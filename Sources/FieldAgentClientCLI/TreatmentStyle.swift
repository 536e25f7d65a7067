import FieldAgentCommandKit
import FieldAgentPolicy

/// Colours and labels for treatments, shared by every view.
enum TreatmentStyle {
    static func badge(_ t: Treatment, _ terminal: Terminal) -> String {
        let style: Terminal.Style
        switch t {
        case .hold: style = .dim
        case .care: style = .magenta
        case .understanding: style = .green
        case .decisive: style = .red
        case .standard: style = .blue
        }
        return terminal.paint(t.rawValue, style)
    }
}
