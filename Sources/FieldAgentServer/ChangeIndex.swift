import FieldAgentCore
import FieldAgentStore

/// What the server keeps in memory about stored changes: for each customer, the sequence numbers
/// and segment addresses of its records, and for each replica, the counters stored under it.
/// The changes themselves stay in the segments and are read when asked for.
///
/// A pure value, rebuilt at open from the segments' record headers and extended by every append.
struct ChangeIndex: Sendable {
    /// One customer's records, in sequence order (which is also address order).
    struct Customer: Sendable {
        var sequences: [UInt64] = []
        var addresses: [UInt64] = []
        /// ``ChangeIndex/key(_:)`` of each record's change id.
        var ids: [UInt64] = []
        /// Records found superseded when the customer was last merged: kept for lookups by id
        /// (retries, `replaces`), never sent again.
        var supersededIDs: [UInt64] = []
        var supersededAddresses: [UInt64] = []
        /// The sequence of its tombstone, once erased.
        var erasedAt: UInt64?
        /// The highest sequence of any of its records, live or superseded.
        var latest: UInt64 = 0

        /// The index of the first record with a sequence above `cursor`.
        func firstIndex(after cursor: UInt64) -> Int {
            var low = 0
            var high = sequences.count
            while low < high {
                let middle = (low + high) / 2
                if sequences[middle] <= cursor { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    private(set) var customers: [String: Customer] = [:]
    private(set) var seen: [String: SeenSet] = [:]
    /// The back office's clock: past every back-office change stored.
    private(set) var backOfficeClock = HybridLogicalClock()
    /// The highest sequence of any stored change (0 for none).
    private(set) var lastSequence: UInt64 = 0
    /// Erased customers whose other records are still in the segments: an erasure interrupted before
    /// its purge, found at open.
    private(set) var unpurged: Set<String> = []
    /// How many change records (holes excluded) the segments hold.
    private(set) var recordCount = 0

    /// Adds a record read from (or just written to) the segments.
    mutating func add(_ header: ChangeRecord.Header, at address: SegmentAddress) {
        seen[header.id.replica, default: SeenSet()].insert(header.id.counter)
        lastSequence = max(lastSequence, header.sequence)
        guard let customer = header.customer else { return }
        recordCount += 1
        if header.id.replica == ServerState.backOfficeReplica {
            _ = backOfficeClock.receive(header.hlc, wallMillis: header.hlc.wallMillis)
        }
        var entries = customers.removeValue(forKey: customer) ?? Customer()
        if entries.erasedAt != nil, !header.erases { unpurged.insert(customer) }
        if header.erases {
            entries.erasedAt = header.sequence
            if !entries.sequences.isEmpty { unpurged.insert(customer) }
        }
        entries.latest = max(entries.latest, header.sequence)
        entries.sequences.append(header.sequence)
        entries.addresses.append(address.rawValue)
        entries.ids.append(ChangeIndex.key(header.id))
        customers[customer] = entries
    }

    /// A 64-bit key of a change id (FNV-1a), to find a record without holding its id.
    static func key(_ id: ChangeID) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.replica.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash = (hash ^ 0xff) &* 0x100_0000_01b3
        for shift in stride(from: 0, to: 64, by: 8) { hash = (hash ^ (id.counter >> shift & 0xff)) &* 0x100_0000_01b3 }
        return hash
    }

    /// The addresses of `customer`'s records whose id has key `key`, live ones first.
    func addresses(of key: UInt64, customer: String) -> [UInt64] {
        guard let entries = customers[customer] else { return [] }
        var found: [UInt64] = []
        for index in entries.ids.indices where entries.ids[index] == key { found.append(entries.addresses[index]) }
        for index in entries.supersededIDs.indices where entries.supersededIDs[index] == key {
            found.append(entries.supersededAddresses[index])
        }
        return found
    }

    /// Moves the records at `addresses` of `customer` out of its live records: a merge found them
    /// superseded, which stays true whatever is stored later.
    mutating func supersede(_ addresses: Set<UInt64>, of customer: String) {
        guard var entries = customers.removeValue(forKey: customer) else { return }
        var kept = Customer(erasedAt: entries.erasedAt, latest: entries.latest)
        kept.supersededIDs = entries.supersededIDs
        kept.supersededAddresses = entries.supersededAddresses
        for index in entries.addresses.indices {
            if addresses.contains(entries.addresses[index]) {
                kept.supersededIDs.append(entries.ids[index])
                kept.supersededAddresses.append(entries.addresses[index])
            } else {
                kept.sequences.append(entries.sequences[index])
                kept.addresses.append(entries.addresses[index])
                kept.ids.append(entries.ids[index])
            }
        }
        entries = kept
        customers[customer] = entries
    }

    /// Forgets every record of `customer` but its tombstone, after they were replaced by holes.
    mutating func purged(_ customer: String) {
        guard var entries = customers[customer], let erasedAt = entries.erasedAt,
            let index = entries.sequences.firstIndex(of: erasedAt)
        else { return }
        recordCount -= entries.sequences.count - 1
        entries.sequences = [erasedAt]
        entries.addresses = [entries.addresses[index]]
        entries.ids = [entries.ids[index]]
        entries.supersededIDs = []
        entries.supersededAddresses = []
        customers[customer] = entries
        unpurged.remove(customer)
    }

    func hasSeen(_ id: ChangeID) -> Bool { seen[id.replica]?.contains(id.counter) ?? false }

    func highWater(of replica: String) -> UInt64 { seen[replica]?.maximum ?? 0 }
}
