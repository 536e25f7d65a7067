import FieldAgentCore
import FieldAgentStore
import FieldAgentSync
import FieldAgentSystem
import FieldAgentTestSupport
import Foundation

/// `fieldagent-bench store`: durable write latency and group commit through ``ReplicaStore``, each
/// next to the raw fsync latency of this disk measured in the same run; open time and RSS of a
/// replica with 10,000 customers and 100,000 contacts; its size on disk against compact JSON.
///
/// The open is measured in a child process (`fieldagent-bench store-open`, store path in
/// `FIELDAGENT_BENCH_STORE`) so its peak RSS is the open's alone.
enum StoreBenchmark {
    static let at = Instant(millisecondsSinceEpoch: 1_795_941_000_000)
    static let samples = 200

    static func run() -> [(String, Value)] {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fieldagent-bench-store-\(UUID().uuidString.prefix(8))"
        ).path
        try! FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }

        let raw = rawFsync(path: base + "/raw")
        let single = singleWrites(path: base + "/single")
        let group8 = concurrentRate(path: base + "/group8", writers: 8, perWriter: 1_000)
        let group64 = concurrentRate(path: base + "/group64", writers: 64, perWriter: 200)
        let rawSingle = rawStoreRate(path: base + "/raw-store-1", writers: 1, perWriter: 3_000)
        let rawGroup8 = rawStoreRate(path: base + "/raw-store-8", writers: 8, perWriter: 1_000)
        let big = bigStore(path: base + "/big")
        // Each open runs in a fresh process (what a user waits for); the median of three damps VM noise.
        let opens = (0..<3).map { _ in openInChild(path: base + "/big") }.sorted { $0.millis < $1.millis }
        let open = opens[1]

        return [
            ("rawFsyncMedianMicros", .double(raw.median)), ("rawFsyncP99Micros", .double(raw.p99)),
            ("writeMedianMicros", .double(single.median)), ("writeP99Micros", .double(single.p99)),
            ("writeMedianOverRawFsync", .double(single.median / raw.median)),
            ("writeP99OverRawFsyncP99", .double(single.p99 / raw.p99)),
            ("singleWriterPerSecond", .double(single.rate)),
            ("group8WritesPerSecond", .double(group8.rate)), ("group8OverSingle", .double(group8.rate / single.rate)),
            ("group8ChangesPerFsync", .double(group8.perFsync)),
            ("group64WritesPerSecond", .double(group64.rate)),
            ("group64OverSingle", .double(group64.rate / single.rate)),
            ("group64ChangesPerFsync", .double(group64.perFsync)),
            ("rawStoreSingleWritesPerSecond", .double(rawSingle)),
            ("rawStoreGroup8WritesPerSecond", .double(rawGroup8)),
            ("rawStoreGroup8OverSingle", .double(rawGroup8 / rawSingle)),
            ("bigCustomers", .int(Int64(big.customers))), ("bigContacts", .int(Int64(big.contacts))),
            ("bigOpenMillis", .double(open.millis)), ("bigOpenRssMiB", .double(open.rss)),
            ("bigOpenStoreReadMillis", .double(open.read)), ("bigOpenStateDecodeMillis", .double(open.decode)),
            ("bigOnDiskBytes", .int(Int64(big.onDisk))), ("bigCompactJSONBytes", .int(Int64(big.json))),
            ("bigOnDiskOverJSON", .double(Double(big.onDisk) / Double(big.json))),
        ]
    }

    /// `fieldagent-bench store-open`: opens the store in `FIELDAGENT_BENCH_STORE` (best of 3).
    static func openOnly() -> [(String, Value)] {
        let path = ProcessInfo.processInfo.environment["FIELDAGENT_BENCH_STORE"] ?? ""
        var customers = 0
        // The first open in a fresh process is what a user waits for; its resident memory is read
        // right after. Opened replicas are released after timing: freeing them is teardown, not open.
        var kept: [ReplicaStore] = []
        let seconds = Stopwatch.seconds {
            let replica = try! ReplicaStore.open(at: path)
            customers = replica.state.customerIDs.count
            replica.close()
            kept.append(replica)
        }
        let rss = PeakMemory.currentMebibytes()
        kept.removeAll()
        var snapshot: [UInt8] = []
        let raw = Stopwatch.best(of: 3) {
            var options = StoreOptions()
            options.createIfMissing = false
            let store = try! Store.open(at: path, options: options)
            snapshot = try! store.readContents().snapshot ?? []
            store.close()
        }
        var decoded: [Int] = []
        var states: [ReplicaState] = []
        let decode = Stopwatch.best(of: 3) {
            // The replica snapshot: magic, varint length, the ReplicaState snapshot, then the outbox,
            // which is empty here (3 bytes: codec version, no strings, no changes).
            var start = 7
            while snapshot[start] & 0x80 != 0 { start += 1 }
            states.append(try! ReplicaState(snapshot: Array(snapshot[(start + 1)..<(snapshot.count - 3)])))
        }
        decoded = states.map(\.liveCount)
        states.removeAll()
        _ = decoded
        return [
            ("openMillis", .double(seconds * 1000)), ("openRssMiB", .double(rss)),
            ("storeReadMillis", .double(raw * 1000)),
            ("stateDecodeMillis", .double(decode * 1000)), ("customers", .int(Int64(customers))),
        ]
    }

    struct Latency {
        var median: Double
        var p99: Double
        var rate: Double
    }

    static func summary(_ micros: [Double]) -> Latency {
        let sorted = micros.sorted()
        let total = micros.reduce(0, +)
        return Latency(
            median: sorted[sorted.count / 2], p99: sorted[min(sorted.count - 1, sorted.count * 99 / 100)],
            rate: Double(micros.count) / (total / 1e6))
    }

    /// Appends 4 KiB and calls `fdatasync`, `samples` times.
    static func rawFsync(path: String) -> Latency {
        let fd = try! FileDescriptor.open(path, .readWrite, options: [.create, .truncate])
        defer { try? fd.close() }
        let block = [UInt8](repeating: 0x5A, count: 4096)
        var micros: [Double] = []
        for i in 0..<(samples + 10) {
            let seconds = Stopwatch.seconds {
                try! fd.write(block, at: i * 4096)
                try! fd.fdatasync()
            }
            if i >= 10 { micros.append(seconds * 1e6) }
        }
        return summary(micros)
    }

    static func seeded(path: String, customers: Int) -> ReplicaStore {
        let replica = try! ReplicaStore.create(at: path, replicaID: "bench-00000001")
        var office = ReplicaState(replicaID: "backoffice")
        var changes: [Change] = []
        for i in 0..<customers {
            changes += office.commit(
                office.importEdits(
                    for: Customer(id: "C-\(i)", name: "Customer \(i)", timeZone: "Europe/Helsinki", agents: ["bench"])),
                by: "backoffice", at: at.millisecondsSinceEpoch)
        }
        _ = try! replica.applyPage(
            changes: changes, purge: [], cursor: "1", serverTime: at.millisecondsSinceEpoch, at: at)
        return replica
    }

    /// One durable single-change write at a time.
    static func singleWrites(path: String) -> Latency {
        let replica = seeded(path: path, customers: 100)
        defer { replica.close() }
        var micros: [Double] = []
        for i in 0..<(samples + 10) {
            let edit = Edit.set(Target(customer: "C-\(i % 100)", field: "note"), .string("visit \(i)"))
            let seconds = Stopwatch.seconds { _ = try! replica.record([edit], agent: "bench", at: at) }
            if i >= 10 { micros.append(seconds * 1e6) }
        }
        return summary(micros)
    }

    struct Rate {
        var rate: Double
        var perFsync: Double
    }

    /// `writers` threads each making `perWriter` durable single-change writes at once.
    static func concurrentRate(path: String, writers: Int, perWriter: Int) -> Rate {
        let replica = seeded(path: path, customers: 100)
        defer { replica.close() }
        let before = replica.statistics
        // One thread per writer (not `concurrentPerform`, which runs only as many as there are cores).
        let done = DispatchGroup()
        let seconds = Stopwatch.seconds {
            for w in 0..<writers {
                done.enter()
                let thread = Thread {
                    for i in 0..<perWriter {
                        let body = Value.object([
                            "at": .string(at.description), "channel": "call", "outcome": "no-answer",
                        ])
                        _ = try! replica.record(
                            [.create(.contact, id: "K-\(w)-\(i)", customer: "C-\(w % 100)", body: body)],
                            agent: "bench", at: at)
                    }
                    done.leave()
                }
                thread.start()
            }
            done.wait()
        }
        let after = replica.statistics
        let total = writers * perWriter
        return Rate(
            rate: Double(total) / seconds,
            perFsync: Double(after.transactions - before.transactions) / Double(max(1, after.commits - before.commits)))
    }

    /// The same concurrent durable writes straight on `Store` (120-byte records, no CRDT), to show
    /// what group commit itself allows with writers that each wait for their acknowledgement.
    static func rawStoreRate(path: String, writers: Int, perWriter: Int) -> Double {
        let store = try! Store.open(at: path, options: StoreOptions())
        defer { store.close() }
        let record = [UInt8](repeating: 7, count: 120)
        let done = DispatchGroup()
        let seconds = Stopwatch.seconds {
            for _ in 0..<writers {
                done.enter()
                Thread {
                    for _ in 0..<perWriter { try! store.write { tx in tx.append(record) } }
                    done.leave()
                }.start()
            }
            done.wait()
        }
        return Double(writers * perWriter) / seconds
    }

    struct Big {
        var customers: Int
        var contacts: Int
        var onDisk: Int
        var json: Int
    }

    /// 10,000 generated customers (24 months of history) and 100,000 contacts, pulled in pages and compacted.
    static func bigStore(path: String) -> Big {
        let portfolio = PortfolioGenerator(customerCount: 10_000, months: 24).generate()
        var contacts: [Contact] = []
        contacts.reserveCapacity(100_000)
        var round = 0
        while contacts.count < 100_000 {
            for contact in portfolio.contacts where contacts.count < 100_000 {
                var copy = contact
                copy.id = "\(contact.id)-\(round)"
                contacts.append(copy)
            }
            round += 1
        }
        var office = ReplicaState(replicaID: "backoffice")
        var changes: [Change] = []
        for customer in portfolio.customers {
            changes += office.commit(office.importEdits(for: customer), by: "backoffice", at: at.millisecondsSinceEpoch)
        }
        for contact in contacts {
            var body: [String: Value] = [
                "at": .string(contact.at.description), "channel": .string(contact.channel.rawValue),
                "direction": .string(contact.direction.rawValue), "outcome": .string(contact.outcome.rawValue),
            ]
            if let note = contact.note { body["note"] = .string(note) }
            changes.append(
                office.commit(
                    .create(.contact, id: contact.id, customer: contact.customerId, body: .object(body)),
                    by: contact.agent, at: contact.at.millisecondsSinceEpoch))
        }
        let replica = try! ReplicaStore.create(at: path, replicaID: "bench-00000002")
        var cursor = 0
        for start in stride(from: 0, to: changes.count, by: 5_000) {
            cursor += 1
            _ = try! replica.applyPage(
                changes: Array(changes[start..<min(start + 5_000, changes.count)]), purge: [], cursor: String(cursor),
                serverTime: at.millisecondsSinceEpoch, at: at)
        }
        try! replica.compact()
        let onDisk = replica.sizeOnDisk
        replica.close()
        let encoder = JSONEncoder()
        let json =
            (try! encoder.encode(portfolio.portfolio)).count + (try! encoder.encode(contacts)).count
        return Big(customers: portfolio.customers.count, contacts: contacts.count, onDisk: onDisk, json: json)
    }

    /// Runs `fieldagent-bench store-open --json` on `path` and reads its open time and peak RSS.
    static func openInChild(path: String) -> (millis: Double, rss: Double, read: Double, decode: Double) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["store-open", "--json"]
        process.environment = ProcessInfo.processInfo.environment.merging(["FIELDAGENT_BENCH_STORE": path]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        try! process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let figures = try! JSON.parse(Array(output))
        func number(_ key: String) -> Double {
            switch figures[key] {
            case .double(let d)?: d
            case .int(let i)?: Double(i)
            default: -1
            }
        }
        return (number("openMillis"), number("openRssMiB"), number("storeReadMillis"), number("stateDecodeMillis"))
    }
}
