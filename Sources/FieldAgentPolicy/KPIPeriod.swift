import FieldAgentCore

/// The local dates `[from, to]` a KPI report covers, both inclusive; empty when `from` is after `to`.
struct KPIPeriod {
    var from: LocalDate
    var to: LocalDate

    func contains(_ date: LocalDate) -> Bool { date >= from && date <= to }
}
