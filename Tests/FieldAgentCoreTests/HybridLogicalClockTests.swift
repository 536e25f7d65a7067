import FieldAgentCore
import Testing

@Suite struct HybridLogicalClockTests {
    @Test func staysMonotonicWhenTheWallClockJumpsBack() {
        var clock = HybridLogicalClock()
        let a = clock.now(wallMillis: 10_000)
        let b = clock.now(wallMillis: 4_000)  // wall clock jumped back 6 s
        let c = clock.now(wallMillis: 4_001)
        #expect(a < b)
        #expect(b < c)
        #expect(b.wallMillis == 10_000 && b.logical == 1)
        let d = clock.now(wallMillis: 11_000)
        #expect(d == HLCTimestamp(wallMillis: 11_000, logical: 0))
    }

    @Test func sameMillisecondAdvancesTheCounter() {
        var clock = HybridLogicalClock()
        let stamps = (0..<5).map { _ in clock.now(wallMillis: 500) }
        #expect(stamps.map(\.logical) == [0, 1, 2, 3, 4])
    }

    @Test func adoptsARemoteTimestampWithinTheSkewBound() {
        var clock = HybridLogicalClock(maxSkewMillis: 60_000)
        let skew = clock.receive(HLCTimestamp(wallMillis: 30_000, logical: 3), wallMillis: 1_000)
        #expect(skew == nil)
        let next = clock.now(wallMillis: 1_001)
        #expect(next > HLCTimestamp(wallMillis: 30_000, logical: 3))
    }

    @Test func reportsAndRefusesAFarFutureTimestamp() {
        var clock = HybridLogicalClock(maxSkewMillis: 60_000)
        let remote = HLCTimestamp(wallMillis: 10_000_000)
        let skew = clock.receive(remote, wallMillis: 1_000)
        #expect(skew?.aheadMillis == 9_999_000)
        #expect(skew?.description.contains("ahead") == true)
        let next = clock.now(wallMillis: 1_001)
        #expect(next.wallMillis == 1_001, "a far-future reading must not be adopted")
    }

    @Test func exactlyAtTheBoundIsAccepted() {
        var clock = HybridLogicalClock(maxSkewMillis: 1_000)
        #expect(clock.receive(HLCTimestamp(wallMillis: 2_000), wallMillis: 1_000) == nil)
        #expect(clock.receive(HLCTimestamp(wallMillis: 3_001), wallMillis: 2_000) != nil)
    }

    @Test func farFutureChangeIsKeptButDoesNotPoisonTheLocalClock() {
        var replica = ReplicaState(replicaID: "device", clock: HybridLogicalClock(maxSkewMillis: 60_000))
        let future = Change(
            id: ChangeID(replica: "wrong-clock", counter: 1), hlc: HLCTimestamp(wallMillis: 9_000_000_000_000),
            agent: "bob", target: Target(customer: "C-1", field: "phone"), op: .set, value: "+358401111111")
        let report = replica.apply(future, wallMillis: 1_000_000)
        #expect(report.skews.count == 1)
        #expect(replica.value(Target(customer: "C-1", field: "phone")) == "+358401111111")
        let local = replica.commit(
            .set(Target(customer: "C-1", field: "phone"), "+358402222222"), by: "alice", at: 1_000_001)
        #expect(local.hlc.wallMillis == 1_000_001)
        // The local write saw the future value, so it supersedes it despite the lower timestamp.
        #expect(replica.value(Target(customer: "C-1", field: "phone")) == "+358402222222")
        #expect(replica.conflicts().isEmpty)
    }
}
