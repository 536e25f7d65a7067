import FieldAgentCore

/// The human form of a KPI report: satisfaction beside money, per treatment and per agent, with bars.
///
/// It reads the report's JSON form (`{"from","to","overall","byAgent","byTreatment"}`), so the client's
/// own report and the server's company report render the same way.
public struct KPIView {
    var report: Value
    var terminal: Terminal

    /// A view of `report` (the `kpi --json` document) for `terminal`.
    public init(report: Value, terminal: Terminal) {
        self.report = report
        self.terminal = terminal
    }

    static let treatmentOrder = ["decisive", "standard", "understanding", "care", "hold"]

    /// The report as text: tables overall, by treatment and by agent, and CSAT beside RPC as bars.
    public func render() -> String {
        var out: [String] = []
        let from = report["from"]?.stringValue ?? "?"
        let to = report["to"]?.stringValue ?? "?"
        out.append(terminal.paint("KPIs \(from) to \(to): satisfaction beside collections", .bold))
        if let overall = report["overall"] { out.append(table("Overall", [("all", overall)])) }
        let byTreatment = report["byTreatment"]?.objectValue ?? [:]
        let treatments = KPIView.treatmentOrder.compactMap { t in byTreatment[t].map { (t, $0) } }
        out.append(table("By treatment", treatments))
        out.append(bars("CSAT (average of 5) beside right-party-contact rate, by treatment", treatments))
        let byAgent = report["byAgent"]?.objectValue ?? [:]
        out.append(table("By agent", byAgent.keys.sorted().map { ($0, byAgent[$0]!) }))
        out.append("n/a: nothing to divide by in the period (no scores, no attempts…); never shown as 0.")
        return out.joined(separator: "\n\n")
    }

    func table(_ title: String, _ rows: [(String, Value)]) -> String {
        var t = TextTable(
            [
                "", "CSAT", "CSAT≥4", "complaints", "pref.chan", "pref.window", "RPC", "PTP", "kept", "collected",
                "cure",
            ],
            alignments: [.left] + Array(repeating: .right, count: 10))
        for (name, f) in rows {
            t.add([
                name, KPIView.number(f["averageCsat"]), KPIView.percent(f["satisfiedShare"]),
                f["complaints"]?.intValue.map(String.init) ?? "0", KPIView.percent(f["preferredChannelShare"]),
                KPIView.percent(f["preferredWindowShare"]), KPIView.percent(f["rightPartyContactRate"]),
                KPIView.percent(f["promiseToPayRate"]), KPIView.percent(f["promiseKeptRate"]),
                KPIView.money(f["amountCollected"]), KPIView.percent(f["cureRate"]),
            ])
        }
        return terminal.paint(title, .bold) + "\n" + t.render { terminal.paint($0, .dim) }
    }

    func bars(_ title: String, _ rows: [(String, Value)]) -> String {
        let width = 20
        func bar(_ fraction: Double?, _ style: Terminal.Style) -> String {
            guard let f = fraction else { return "n/a".padding(toLength: width, withPad: " ", startingAt: 0) }
            let n = max(0, min(width, Int((f * Double(width)).rounded())))
            return terminal.paint(String(repeating: "█", count: n), style) + String(repeating: "·", count: width - n)
        }
        var lines = [terminal.paint(title, .bold)]
        let nameWidth = rows.map(\.0.count).max() ?? 0
        for (name, f) in rows {
            let csat = KPIView.double(f["averageCsat"])
            let rpc = KPIView.double(f["rightPartyContactRate"])
            lines.append(
                "\(name.padding(toLength: nameWidth, withPad: " ", startingAt: 0))  CSAT \(bar(csat.map { $0 / 5 }, .green)) "
                    + "\(KPIView.number(f["averageCsat"]).leftPadded(4))   RPC \(bar(rpc, .cyan)) "
                    + KPIView.percent(f["rightPartyContactRate"]).leftPadded(4))
        }
        return lines.joined(separator: "\n")
    }

    static func double(_ v: Value?) -> Double? {
        switch v {
        case .double(let d)?: d
        case .int(let i)?: Double(i)
        default: nil
        }
    }

    static func number(_ v: Value?) -> String {
        guard let d = double(v) else { return "n/a" }
        return String(Double(Int((d * 10).rounded())) / 10)
    }

    static func percent(_ v: Value?) -> String {
        guard let d = double(v) else { return "n/a" }
        return "\(Int((d * 100).rounded()))%"
    }

    static func money(_ v: Value?) -> String {
        let amounts = v?.objectValue ?? [:]
        if amounts.isEmpty { return "0" }
        return amounts.keys.sorted().map { Money.format(amounts[$0]?.intValue ?? 0, currency: $0) }.joined(
            separator: ", ")
    }
}
