import FieldAgentCore
import FieldAgentProtocol

/// `JSON.parse`: returns or throws `JSONError` inside the input; what parses round-trips.
enum JSONCheck {
    static func check(_ bytes: [UInt8]) -> String? {
        let value: Value
        do {
            value = try JSON.parse(bytes)
        } catch {
            return FuzzTarget.offsetProblem(error.offset, in: bytes.count, error)
        }
        guard let again = try? JSON.parse(JSON.bytes(value)) else { return "re-encoded JSON does not parse" }
        guard again == value else { return "re-encoded JSON parses to a different value" }
        guard (try? JSON.parse(JSON.bytes(value, pretty: true))) == value else {
            return "pretty re-encoded JSON parses to a different value"
        }
        return nil
    }

    static func seeds() -> [(String, [UInt8])] {
        let documents = [
            #"{"a":[1,-2.5e3,true,false,null,"x\u00e9\n\"\\"],"b":{"c":{}}}"#,
            #"[0, 1.0, -0, 1e308, "\ud83d\ude00", [], [[[]]]]"#,
            #""plain""#, "12345678901234567890", "  null  ",
        ]
        return documents.enumerated().map { ("doc-\($0.offset)", Array($0.element.utf8)) }
    }
}

/// `PullResponse(binary:)`: returns or throws `DecodeError` inside the input; what decodes
/// re-encodes to a page that decodes the same.
enum PageCheck {
    static func check(_ bytes: [UInt8]) -> String? {
        let page: PullResponse
        do {
            page = try PullResponse(binary: bytes)
        } catch {
            return FuzzTarget.offsetProblem(error.offset, in: bytes.count, error)
        }
        guard let again = try? PullResponse(binary: page.binary) else { return "re-encoded page does not decode" }
        return again == page ? nil : "re-encoded page decodes to a different page"
    }

    static func seeds() -> [(String, [UInt8])] {
        let changes = ChangesCheck.sampleState().liveChanges()
        return [
            (
                "page",
                PullResponse(changes: changes, purge: ["C-7"], cursor: "42", more: true, serverTime: 1_700).binary
            ),
            ("empty-page", PullResponse(changes: [], purge: [], cursor: "", more: false, serverTime: -1).binary),
        ]
    }
}

/// `ChangeCodec.decode` (first byte even) and `ReplicaState(snapshot:)` (odd), on the bytes after
/// the first: each returns or throws `DecodeError` inside the input; what decodes round-trips.
enum ChangesCheck {
    static func check(_ bytes: [UInt8]) -> String? {
        guard let selector = bytes.first else { return nil }
        let body = Array(bytes.dropFirst())
        do throws(DecodeError) {
            if selector % 2 == 0 {
                let changes = try ChangeCodec.decode(body)
                guard (try? ChangeCodec.decode(ChangeCodec.encode(changes))) == changes else {
                    return "re-encoded changes decode differently"
                }
            } else {
                let snapshot = try ReplicaState(snapshot: body).snapshot()
                guard let again = try? ReplicaState(snapshot: snapshot) else { return "re-encoded snapshot fails" }
                guard again.snapshot() == snapshot else { return "re-encoded snapshot is not stable" }
            }
            return nil
        } catch {
            return FuzzTarget.offsetProblem(error.offset, in: body.count, error)
        }
    }

    /// A small state touching every kind of operation.
    static func sampleState() -> ReplicaState {
        var state = ReplicaState(replicaID: "fuzz")
        _ = state.commit(.set(Target(customer: "C-1", field: "phone"), "+358401234567"), by: "alice", at: 1_000)
        _ = state.commit(.flag(customer: "C-1", flag: "dispute", present: true), by: "alice", at: 1_001)
        _ = state.commit(
            .create(
                .contact, id: "K-1", customer: "C-1",
                body: .object(["at": "2026-11-30T09:00:00Z", "n": 25, "ok": true])),
            by: "alice", at: 1_002)
        _ = state.commit(
            .set(Target(customer: "C-2", field: "accounts"), .list([.object(["id": "A-1", "balance": 4500])])),
            by: "backoffice", at: 1_003)
        _ = state.commit(.erase(customer: "C-3"), by: "backoffice", at: 1_004)
        return state
    }

    static func seeds() -> [(String, [UInt8])] {
        let state = sampleState()
        return [("changes", [0] + ChangeCodec.encode(state.liveChanges())), ("snapshot", [1] + state.snapshot())]
    }
}
