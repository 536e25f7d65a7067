import FieldAgentStore
import Foundation
import Synchronization

/// A child process for the store tests, which need a second process to kill or to lock out.
///
/// - `write DIR TAG`: writes records `TAG-<n>` from three threads, printing each id on stdout
///   once its write is acknowledged, and compacts whenever the store asks for it; the test
///   SIGKILLs it at a random moment and checks that every printed id survived.
/// - `open DIR`: tries to open the store; prints the outcome; exits 0 if opened, 3 if refused.
/// - `fixture DIR`: writes the small store kept in `Fixtures/store-v1`.
@main
enum CrashProbe {
    static func main() {
        let arguments = CommandLine.arguments
        guard arguments.count >= 3 else {
            FileHandle.standardError.write(
                Data("usage: fieldagent-crashprobe write DIR TAG | open DIR | fixture DIR\n".utf8))
            exit(64)
        }
        do {
            switch arguments[1] {
            case "write" where arguments.count >= 4: try write(to: arguments[2], tag: arguments[3])
            case "open": exit(tryOpen(arguments[2]))
            case "fixture": try makeFixture(arguments[2])
            default:
                FileHandle.standardError.write(Data("unknown mode \(arguments[1])\n".utf8))
                exit(64)
            }
        } catch {
            FileHandle.standardError.write(Data("fieldagent-crashprobe: \(error)\n".utf8))
            exit(1)
        }
    }

    /// Options that make compaction happen often, so kills land inside compactions too.
    static var writerOptions: StoreOptions {
        var options = StoreOptions()
        options.compactionThreshold = 8 * 1024
        options.compactionRatio = 1.0
        return options
    }

    static func write(to directory: String, tag: String) throws {
        let store = try Store.open(at: directory, options: writerOptions)
        let contents = try store.readContents()
        var ids = Set(ProbeSnapshot.decode(contents.snapshot))
        for record in contents.records { ids.insert(String(decoding: record, as: UTF8.self)) }
        let known = Mutex(ids)
        let counter = Atomic<Int>(0)
        FileHandle.standardOutput.write(Data("ready\n".utf8))
        DispatchQueue.concurrentPerform(iterations: 3) { worker in
            for _ in 0..<5_000 {
                let id = "\(tag)-\(counter.add(1, ordering: .relaxed).newValue)"
                // Applied in memory before it is written, as a replica does, so a concurrent
                // compaction's snapshot always covers every acknowledged record.
                known.withLock { _ = $0.insert(id) }
                do {
                    try store.write { transaction in
                        transaction.append(Array(id.utf8))
                        transaction.setMetadata(Array(id.utf8), forKey: "last-\(worker)")
                    }
                    FileHandle.standardOutput.write(Data("\(id)\n".utf8))
                    if store.needsCompaction {
                        try store.compact { ProbeSnapshot.encode(known.withLock { $0 }) }
                    }
                } catch {
                    FileHandle.standardError.write(Data("fieldagent-crashprobe: \(error)\n".utf8))
                    exit(1)
                }
            }
        }
        store.close()
    }

    static func tryOpen(_ directory: String) -> Int32 {
        do {
            let store = try Store.open(at: directory)
            print("opened")
            store.close()
            return 0
        } catch {
            print("refused: \(error)")
            return 3
        }
    }

    /// The v1 fixture: one compaction (so it has a snapshot with state), then more records
    /// and metadata in the log.
    static func makeFixture(_ directory: String) throws {
        let store = try Store.open(at: directory)
        try store.write { transaction in
            transaction.append(Array("contact-1".utf8))
            transaction.append(Array("contact-2".utf8))
            transaction.setMetadata(Array("page-1".utf8), forKey: "cursor")
        }
        try store.compact(snapshot: Array("state: contact-1, contact-2".utf8))
        try store.write { transaction in
            transaction.append(Array("contact-3".utf8))
            transaction.setMetadata(Array("page-2".utf8), forKey: "cursor")
            transaction.setMetadata(Array("2026-01-01T00:00:00Z".utf8), forKey: "lastSync")
        }
        try store.write { transaction in transaction.append(Array("note-1".utf8)) }
        store.close()
        try FileManager.default.removeItem(atPath: directory + "/LOCK")
    }
}
