import FieldAgentCore
import FieldAgentStore
import FieldAgentSync

/// The on-disk forms, by the first byte modulo 5: a store log file, one store transaction, a store
/// snapshot file, a replica store record, a replica snapshot. Each returns or throws its typed
/// error (`StoreError`, `DecodeError`) inside the input; what decodes re-encodes consistently.
enum StoreCheck {
    static func check(_ bytes: [UInt8]) -> String? {
        guard let selector = bytes.first else { return nil }
        let body = Array(bytes.dropFirst())
        switch selector % 5 {
        case 0: return storeProblem(body) { () throws(StoreError) in try logProblem(body) }
        case 1:
            return storeProblem(body) { () throws(StoreError) in
                try StoreFuzzing.transaction(body) == body ? nil : "a transaction re-encodes to other bytes"
            }
        case 2:
            return storeProblem(body) { () throws(StoreError) in
                try StoreFuzzing.snapshot(body) ? nil : "a snapshot's contents change when re-encoded"
            }
        case 3: return replicaProblem(body, ReplicaRecordFuzzing.record)
        default: return replicaProblem(body, ReplicaRecordFuzzing.snapshot)
        }
    }

    /// The log's re-encoded valid prefix must equal the bytes it came from.
    private static func logProblem(_ body: [UInt8]) throws(StoreError) -> String? {
        let (reencoded, validEnd, tornAt) = try StoreFuzzing.log(body)
        guard validEnd <= body.count else { return "valid end \(validEnd) past the \(body.count)-byte file" }
        if let tornAt, tornAt != validEnd { return "torn tail at \(tornAt), valid end \(validEnd)" }
        return reencoded == Array(body[..<validEnd]) ? nil : "the log's valid prefix re-encodes to other bytes"
    }

    private static func storeProblem(_ body: [UInt8], _ run: () throws(StoreError) -> String?) -> String? {
        do {
            return try run()
        } catch {
            switch error {
            case .corrupt(_, let offset, _): return FuzzTarget.offsetProblem(offset, in: body.count, error)
            case .unsupportedFormat: return nil
            default: return "unexpected store error \(error)"
            }
        }
    }

    /// What decodes must re-encode to bytes that decode and re-encode to the same bytes again.
    private static func replicaProblem(
        _ body: [UInt8], _ roundTrip: ([UInt8]) throws(DecodeError) -> [UInt8]
    ) -> String? {
        do throws(DecodeError) {
            let once = try roundTrip(body)
            guard let twice = try? roundTrip(once) else { return "a re-encoded replica record fails to decode" }
            return twice == once ? nil : "a replica record's encoding is not stable"
        } catch {
            return FuzzTarget.offsetProblem(error.offset, in: body.count, error)
        }
    }

    static func seeds() -> [(String, [UInt8])] {
        let store = StoreFuzzing.seeds().map { (name, bytes) -> (String, [UInt8]) in
            let selector: UInt8 = name == "log" ? 0 : name == "transaction" ? 1 : 2
            return ("store-\(name)", [selector] + bytes)
        }
        let replica = ReplicaRecordFuzzing.seeds().map { (name, bytes) -> (String, [UInt8]) in
            ("replica-\(name)", [name == "snapshot" ? 4 : 3] + bytes)
        }
        return store + replica
    }
}
