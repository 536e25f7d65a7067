import FieldAgentCore
import FieldAgentTestSupport
import Testing

/// The inputs the libFuzzer targets `json` and `changes` found crashing (`Fixtures/fuzz/json/`,
/// `Fixtures/fuzz/changes/`): each decodes or throws its typed error inside the input, and what
/// decodes round-trips.
@Suite struct FuzzRegressionTests {
    @Test func everyFoundJSONInputParsesOrThrowsAndRoundTrips() throws {
        for (name, input) in try FuzzFixture.inputs("json") {
            do throws(JSONError) {
                let value = try JSON.parse(input)
                #expect(try JSON.parse(JSON.bytes(value)) == value, "\(name)")
            } catch {
                #expect((0...input.count).contains(error.offset), "\(name): \(error)")
            }
        }
    }

    /// The first byte picks the decoder, as in `fieldagent-fuzz changes`: even the change codec,
    /// odd a replica state snapshot.
    @Test func everyFoundChangesInputDecodesOrThrowsAndRoundTrips() throws {
        for (name, input) in try FuzzFixture.inputs("changes") where !input.isEmpty && !name.hasPrefix("known-issue-") {
            let body = Array(input.dropFirst())
            do throws(DecodeError) {
                if input[0] % 2 == 0 {
                    let changes = try ChangeCodec.decode(body)
                    #expect(try ChangeCodec.decode(ChangeCodec.encode(changes)) == changes, "\(name)")
                } else {
                    let snapshot = try ReplicaState(snapshot: body).snapshot()
                    #expect(try ReplicaState(snapshot: snapshot).snapshot() == snapshot, "\(name)")
                }
            } catch {
                #expect((0...body.count).contains(error.offset), "\(name): \(error)")
            }
        }
    }

    /// Found by the fuzzer, not yet fixed: `ReplicaState(snapshot:)` loads the changes of a snapshot
    /// as they stand, trusting that they form a live set, so a forged one gives a state whose own
    /// snapshot reads back differently in some processes: which change wins depends on the
    /// process's hash seed (dictionary order). It decodes safely; only the round trip fails, so
    /// the known issue is intermittent.
    @Test func aSnapshotWhoseChangesAreNotALiveSetDoesNotYetRoundTrip() throws {
        for (name, input) in try FuzzFixture.inputs("changes") where name.hasPrefix("known-issue-") {
            withKnownIssue("a snapshot's changes are not checked to be a live set", isIntermittent: true) {
                let snapshot = try ReplicaState(snapshot: Array(input.dropFirst())).snapshot()
                #expect(try ReplicaState(snapshot: snapshot).snapshot() == snapshot, "\(name)")
            }
        }
    }
}
