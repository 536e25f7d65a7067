import FieldAgentCore

/// KPIs for a period, overall, per agent and per treatment, side by side.
public struct KPIReport: Hashable, Sendable {
    /// First day of the period (inclusive).
    public var from: LocalDate
    /// Last day of the period (inclusive).
    public var to: LocalDate
    public var overall: KPIFigures
    /// By agent name (see ``KPICalculator`` for what is attributed to whom).
    public var byAgent: [String: KPIFigures]
    /// By the treatment customers had at the start of the period; every treatment is present.
    public var byTreatment: [Treatment: KPIFigures]

    /// Creates a report.
    public init(
        from: LocalDate, to: LocalDate, overall: KPIFigures, byAgent: [String: KPIFigures],
        byTreatment: [Treatment: KPIFigures]
    ) {
        self.from = from
        self.to = to
        self.overall = overall
        self.byAgent = byAgent
        self.byTreatment = byTreatment
    }

    /// `kpi --json`: `{"from", "to", "overall": {…}, "byAgent": {…}, "byTreatment": {…}}`.
    public var value: Value {
        var treatments: [String: Value] = [:]
        for (treatment, figures) in byTreatment { treatments[treatment.rawValue] = figures.value }
        return .object([
            "from": .string(from.description),
            "to": .string(to.description),
            "overall": overall.value,
            "byAgent": .object(byAgent.mapValues(\.value)),
            "byTreatment": .object(treatments),
        ])
    }
}
