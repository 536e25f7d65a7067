import FieldAgentCore

/// The merged states of recently written customers, so a push merges only what arrived since the
/// last one instead of the customer's whole stored history.
///
/// Bounded by the number of live changes it holds (a customer's cost), oldest use evicted first.
/// A state carries the sequence it is merged through; the reader catches it up from the index,
/// so the cache never needs to be told about appends and is never stale, only behind.
struct CustomerStateCache: Sendable {
    struct Entry: Sendable {
        var state: ReplicaState
        /// The highest sequence of the customer's records merged into `state`.
        var mergedThrough: UInt64
        var cost: Int
        var lastUse: UInt64
    }

    /// The most live changes held over all entries.
    let capacity: Int
    private var entries: [String: Entry] = [:]
    /// Uses in order, lazily: a pair whose tick is no longer its entry's last use is skipped.
    private var uses: [(customer: String, tick: UInt64)] = []
    private var usesStart = 0
    private var tick: UInt64 = 0
    private(set) var cost = 0

    init(capacity: Int) { self.capacity = capacity }

    /// The entry of `customer`, marking it used.
    mutating func entry(_ customer: String) -> Entry? {
        guard entries[customer] != nil else { return nil }
        tick += 1
        entries[customer]!.lastUse = tick
        uses.append((customer, tick))
        trimUses()
        return entries[customer]
    }

    /// Keeps `state` for `customer` unless a state merged further is held already. Returns the
    /// states it let go of, for the caller to release outside its lock.
    mutating func keep(_ state: ReplicaState, customer: String, mergedThrough: UInt64) -> [Entry] {
        if let held = entries[customer], held.mergedThrough >= mergedThrough { return [] }
        let cost = max(1, state.liveCount)
        guard cost <= capacity else { return forget(customer) }
        tick += 1
        let entry = Entry(state: state, mergedThrough: mergedThrough, cost: cost, lastUse: tick)
        var released: [Entry] = []
        if let old = entries.updateValue(entry, forKey: customer) {
            self.cost -= old.cost
            released.append(old)
        }
        self.cost += cost
        uses.append((customer, tick))
        while self.cost > capacity, usesStart < uses.count {
            let (oldest, tick) = uses[usesStart]
            usesStart += 1
            if entries[oldest]?.lastUse == tick { released += forget(oldest) }
        }
        trimUses()
        return released
    }

    /// Drops `customer` (erased, or grown past the capacity); returns what it held.
    mutating func forget(_ customer: String) -> [Entry] {
        guard let held = entries.removeValue(forKey: customer) else { return [] }
        cost -= held.cost
        return [held]
    }

    /// Rebuilds the use list from the entries once stale pairs make up most of it.
    private mutating func trimUses() {
        guard uses.count - usesStart > 4 * entries.count + 1024 else { return }
        uses = entries.map { ($0.key, $0.value.lastUse) }.sorted { $0.tick < $1.tick }
        usesStart = 0
    }
}
