import Testing

@testable import FieldAgentSystem

@Suite struct PollSetTimeoutTests {
    @Test(
        "Durations round up to whole milliseconds, clamped to poll's range",
        arguments: [
            (Duration.zero, Int32(0)), (.milliseconds(-5), 0), (.nanoseconds(1), 1), (.microseconds(999), 1),
            (.milliseconds(1), 1), (.nanoseconds(1_000_001), 2), (.milliseconds(250), 250),
            (.seconds(2) + .nanoseconds(1), 2001), (.seconds(3_000_000), Int32.max), (.seconds(Int64.max), Int32.max),
        ])
    func roundsUp(duration: Duration, milliseconds: Int32) {
        #expect(PollSet.milliseconds(roundingUp: duration) == milliseconds)
    }

    @Test("wait(timeout:) with nothing to watch returns after the timeout, not before")
    func waitsAtLeastTheTimeout() throws {
        var pollSet = PollSet()
        let start = ContinuousClock.now
        #expect(try pollSet.wait(timeout: .microseconds(2500)) == 0)
        #expect(ContinuousClock.now - start >= .microseconds(2500))
    }
}
