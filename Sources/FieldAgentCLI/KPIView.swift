import FieldAgentCore
import FieldAgentPolicy

/// The human form of a KPI report: satisfaction beside money, per treatment and per agent, with bars.
public struct KPIView {
    public var report: KPIReport
    public var terminal: Terminal

    public init(report: KPIReport, terminal: Terminal) {
        self.report = report
        self.terminal = terminal
    }

    public func render() -> String {
        var out: [String] = []
        out.append(terminal.paint("KPIs \(report.from) to \(report.to): satisfaction beside collections", .bold))
        out.append(table("Overall", [("all", report.overall)]))
        let treatments = Treatment.allCases.compactMap { t in report.byTreatment[t].map { (t.rawValue, $0) } }
        out.append(table("By treatment", treatments))
        out.append(bars("CSAT (avg, of 5) vs right-party-contact rate by treatment", treatments))
        out.append(table("By agent", report.byAgent.keys.sorted().map { ($0, report.byAgent[$0]!) }))
        out.append(
            "n/a: no denominator in the period (e.g. no scores, no attempts); never shown as 0.")
        return out.joined(separator: "\n\n")
    }

    func table(_ title: String, _ rows: [(String, KPIFigures)]) -> String {
        var t = TextTable(
            ["", "CSAT", "CSAT≥4", "complaints", "pref.chan", "pref.window", "RPC", "PTP", "kept", "collected", "cure"],
            alignments: [.left] + Array(repeating: .right, count: 10))
        for (name, f) in rows {
            t.add([
                name, KPIView.number(f.averageCsat), KPIView.percent(f.satisfiedShare), String(f.complaints),
                KPIView.percent(f.preferredChannelShare), KPIView.percent(f.preferredWindowShare),
                KPIView.percent(f.rightPartyContactRate), KPIView.percent(f.promiseToPayRate),
                KPIView.percent(f.promiseKeptRate), KPIView.money(f.amountCollected), KPIView.percent(f.cureRate),
            ])
        }
        return terminal.paint(title, .bold) + "\n" + t.render { terminal.paint($0, .dim) }
    }

    func bars(_ title: String, _ rows: [(String, KPIFigures)]) -> String {
        let width = 20
        func bar(_ fraction: Double?, _ style: Terminal.Style) -> String {
            guard let f = fraction else { return "n/a".padding(toLength: width, withPad: " ", startingAt: 0) }
            let n = max(0, min(width, Int((f * Double(width)).rounded())))
            return terminal.paint(String(repeating: "█", count: n), style)
                + String(repeating: "·", count: width - n)
        }
        var lines = [terminal.paint(title, .bold)]
        let nameWidth = rows.map(\.0.count).max() ?? 0
        for (name, f) in rows {
            let csat = f.averageCsat.map { $0 / 5 }
            lines.append(
                "\(name.padding(toLength: nameWidth, withPad: " ", startingAt: 0))  CSAT \(bar(csat, .green)) "
                    + "\(KPIView.number(f.averageCsat).leftPadded(4))   RPC \(bar(f.rightPartyContactRate, .cyan)) "
                    + KPIView.percent(f.rightPartyContactRate).leftPadded(4))
        }
        return lines.joined(separator: "\n")
    }

    static func number(_ d: Double?) -> String {
        guard let d else { return "n/a" }
        return String(Double(Int((d * 10).rounded())) / 10)
    }

    static func percent(_ d: Double?) -> String {
        guard let d else { return "n/a" }
        return "\(Int((d * 100).rounded()))%"
    }

    static func money(_ amounts: [String: Int64]) -> String {
        amounts.isEmpty ? "0" : amounts.keys.sorted().map { Money.format(amounts[$0]!, currency: $0) }.joined(separator: ", ")
    }
}
