#if canImport(Glibc)
    import Glibc
#endif

/// A list of descriptors and the events to wait for, over `poll(2)`.
///
/// Slots are addressed by index so an event loop can keep a parallel array of owners;
/// ``remove(at:)`` moves the last slot into the hole, like `Array.swapAt` then `removeLast`.
/// Level-triggered: a ready descriptor is reported again until it is served. Not thread-safe;
/// one event loop owns it.
public struct PollSet {
    private var entries: [pollfd] = []

    /// An empty set.
    public init() {}

    /// The number of slots.
    public var count: Int { entries.count }

    /// Adds `descriptor` waiting for `events`; returns its slot index.
    @discardableResult
    public mutating func append(_ descriptor: Int32, events: PollEvents) -> Int {
        entries.append(pollfd(fd: descriptor, events: events.rawValue, revents: 0))
        return entries.count - 1
    }

    /// Changes what slot `index` waits for. An empty set still reports errors and hangups.
    @inline(__always)
    public mutating func setEvents(_ events: PollEvents, at index: Int) {
        entries[index].events = events.rawValue
    }

    /// Makes `poll` skip slot `index` (its descriptor is closed) until the slot is removed.
    public mutating func ignore(at index: Int) {
        entries[index].fd = -1
        entries[index].events = 0
        entries[index].revents = 0
    }

    /// The descriptor in slot `index`.
    public func descriptor(at index: Int) -> Int32 { entries[index].fd }

    /// Removes slot `index` by moving the last slot into it; returns the index that moved, if any.
    @discardableResult
    public mutating func remove(at index: Int) -> Int? {
        let last = entries.count - 1
        if index != last {
            entries[index] = entries[last]
            entries.removeLast()
            return last
        }
        entries.removeLast()
        return nil
    }

    /// What slot `index` reported in the last ``wait(timeout:)``.
    @inline(__always)
    public func readyEvents(at index: Int) -> PollEvents {
        PollEvents(rawValue: entries[index].revents)
    }

    /// Waits until a descriptor is ready or `timeout` passes; returns how many are ready.
    ///
    /// `poll` counts whole milliseconds, so the timeout is rounded up: the wait never ends
    /// before a deadline the caller computed. Zero or negative durations do not wait.
    public mutating func wait(timeout: Duration) throws(SystemError) -> Int {
        try wait(timeoutMilliseconds: PollSet.milliseconds(roundingUp: timeout))
    }

    /// `duration` in whole milliseconds, rounded up and clamped to `0...Int32.max`.
    static func milliseconds(roundingUp duration: Duration) -> Int32 {
        guard duration > .zero else { return 0 }
        let (seconds, attoseconds) = duration.components
        guard seconds < Int64(Int32.max / 1000) else { return Int32.max }
        let (whole, rest) = attoseconds.quotientAndRemainder(dividingBy: 1_000_000_000_000_000)
        return Int32(clamping: seconds * 1000 + whole + (rest > 0 ? 1 : 0))
    }

    /// Waits until a descriptor is ready or `timeoutMilliseconds` pass (-1: forever); returns how many are ready.
    public mutating func wait(timeoutMilliseconds: Int32) throws(SystemError) -> Int {
        let count = entries.count
        let ready = try entries.withUnsafeMutableBufferPointer { buffer throws(SystemError) in
            try Syscall.retrying("poll", "\(count) descriptors") {
                poll(buffer.baseAddress, nfds_t(count), timeoutMilliseconds)
            }
        }
        return Int(ready)
    }
}
