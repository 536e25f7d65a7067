import FieldAgentCore

/// The merge benchmark workload of `shared/bench/merge_workload.py`, ported field for field.
///
/// Same counts, field names, value distributions, id formats and seeds (42 for W1, 10,000 + r for
/// replica r in W2). The random stream is SplitMix64 rather than Python's Mersenne Twister, so the
/// values differ but their shapes and sizes match.
public enum MergeWorkload {
    public static let customerCount = 10_000
    public static let eventsPerCustomer = 5
    public static let replicaCount = 20
    public static let setsPerReplica = 1_000
    public static let appendsPerReplica = 500

    public static let fields = [
        "name", "phone", "email", "address", "preferred_channel", "window_start", "window_end", "segment",
        "balance_cents", "status",
    ]
    static let first = [
        "Anna", "Ben", "Carla", "David", "Eva", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Lars", "Mona",
        "Nils", "Olga", "Paul", "Quinn", "Rosa", "Sven", "Tara",
    ]
    static let last = [
        "Schmidt", "Miller", "Garcia", "Nguyen", "Kowalski", "Rossi", "Dubois", "Jensen", "Novak", "Silva", "Tanaka",
        "Okafor", "Larsen", "Weber", "Moreau", "Ivanova",
    ]
    static let streets = [
        "Oak Street", "Maple Avenue", "Harbor Road", "Mill Lane", "Station Square", "Park Drive", "Lakeview Terrace",
        "Church Street",
    ]
    static let cities = ["Springfield", "Riverton", "Lakeside", "Hillcrest", "Fairview", "Brookfield"]
    static let channels = ["sms", "email", "phone", "whatsapp", "visit"]
    static let segments = ["residential", "commercial", "vip", "standard", "trial"]
    static let statuses = ["active", "paused", "churned", "prospect"]
    static let outcomes = ["answered", "voicemail", "no_answer", "scheduled", "declined", "resolved"]
    static let words =
        ("customer asked to reschedule the visit next week please call before "
        + "arrival gate code changed dog on premises invoice question resolved "
        + "prefers mornings left voicemail about overdue balance follow up").split(separator: " ").map(String.init)

    /// One customer of W1: its id, ten fields and five events.
    public struct CustomerData: Sendable {
        public var id: String
        public var fields: [(String, Value)]
        public var events: [(String, Value)]
    }

    /// One W2 edit.
    public enum Edit: Sendable {
        case set(customer: String, field: String, value: Value)
        case append(customer: String, eventID: String, event: Value)
    }

    public static func customerID(_ i: Int) -> String {
        let s = String(i)
        return "c" + String(repeating: "0", count: max(0, 5 - s.count)) + s
    }

    static func pick<T>(_ items: [T], _ rng: inout SplitMix64) -> T { items[Int(rng.next() % UInt64(items.count))] }
    static func below(_ n: Int, _ rng: inout SplitMix64) -> Int { Int(rng.next() % UInt64(n)) }
    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static func fieldValue(_ field: String, _ rng: inout SplitMix64) -> Value {
        switch field {
        case "name": return .string("\(pick(first, &rng)) \(pick(last, &rng))")
        case "phone": return .string("+1-555-\(pad(below(1000, &rng), 3))-\(pad(below(10000, &rng), 4))")
        case "email":
            return .string(
                "\(pick(first, &rng).lowercased()).\(pick(last, &rng).lowercased())\(below(1000, &rng))@example.com")
        case "address":
            return .string(
                "\(1 + below(9998, &rng)) \(pick(streets, &rng)), \(pick(cities, &rng)), ST \(pad(below(100_000, &rng), 5))"
            )
        case "preferred_channel": return .string(pick(channels, &rng))
        case "window_start": return .string("\(pad(6 + below(6, &rng), 2)):\(pad(pick([0, 15, 30, 45], &rng), 2))")
        case "window_end": return .string("\(pad(12 + below(8, &rng), 2)):\(pad(pick([0, 15, 30, 45], &rng), 2))")
        case "segment": return .string(pick(segments, &rng))
        case "balance_cents": return .int(Int64(below(5_050_000, &rng)) - 50_000)
        case "status": return .string(pick(statuses, &rng))
        default: preconditionFailure("unknown workload field")
        }
    }

    static func note60(_ rng: inout SplitMix64) -> String {
        var s = ""
        while s.count < 60 { s += pick(words, &rng) + " " }
        return String(s.prefix(60))
    }

    static func event(_ id: String, _ rng: inout SplitMix64) -> Value {
        .object([
            "id": .string(id), "ts": .int(1_700_000_000_000 + Int64(below(1_000_000_000, &rng))),
            "channel": .string(pick(channels, &rng)), "outcome": .string(pick(outcomes, &rng)),
            "note": .string(note60(&rng)),
        ])
    }

    /// W1's data, generated outside any timing.
    public static func w1() -> [CustomerData] {
        var rng = SplitMix64(seed: 42)
        return (0..<customerCount).map { i in
            let c = customerID(i)
            let f = fields.map { ($0, fieldValue($0, &rng)) }
            let e = (0..<eventsPerCustomer).map { j in ("\(c)-e\(j)", event("\(c)-e\(j)", &rng)) }
            return CustomerData(id: c, fields: f, events: e)
        }
    }

    /// Replica `r`'s W2 edits: 1,000 sets and 500 appends, shuffled.
    public static func w2(replica r: Int) -> [Edit] {
        var rng = SplitMix64(seed: 10_000 + UInt64(r))
        var edits: [Edit] = []
        for _ in 0..<setsPerReplica {
            let f = pick(fields, &rng)
            edits.append(.set(customer: customerID(below(customerCount, &rng)), field: f, value: fieldValue(f, &rng)))
        }
        for k in 0..<appendsPerReplica {
            let c = customerID(below(customerCount, &rng))
            let id = "\(c)-r\(r)-e\(k)"
            edits.append(.append(customer: c, eventID: id, event: event(id, &rng)))
        }
        edits.shuffle(using: &rng)
        return edits
    }
}
