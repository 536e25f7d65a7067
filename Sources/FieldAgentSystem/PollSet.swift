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

    /// What slot `index` reported in the last ``wait(timeoutMilliseconds:)``.
    @inline(__always)
    public func readyEvents(at index: Int) -> PollEvents {
        PollEvents(rawValue: entries[index].revents)
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
