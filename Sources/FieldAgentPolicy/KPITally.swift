/// The figures being added up for a ``KPIReport``: overall, per agent and per treatment.
struct KPITally {
    var overall = KPIFigures()
    var byAgent: [String: KPIFigures] = [:]
    var byTreatment: [Treatment: KPIFigures]

    init() {
        byTreatment = Dictionary(uniqueKeysWithValues: Treatment.allCases.map { ($0, KPIFigures()) })
    }

    /// Applies `change` to the overall figures, to `treatment`'s and to each agent's in `agents`.
    mutating func add(agents: some Sequence<String>, treatment: Treatment, _ change: (inout KPIFigures) -> Void) {
        change(&overall)
        change(&byTreatment[treatment, default: KPIFigures()])
        for agent in agents { change(&byAgent[agent, default: KPIFigures()]) }
    }
}
