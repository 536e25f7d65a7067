import FieldAgentStore
import FieldAgentTestSupport
import Foundation
import Testing

@Suite("Single writer across processes")
struct LockingTests {
    @Test("a second process is refused with the holder's process id, and admitted once it closes")
    func secondProcessRefused() throws {
        let directory = try TemporaryDirectory(prefix: "store-lock")
        defer { directory.remove() }
        let store = try Store.open(at: directory.path)
        let refused = try CrashProbe.run(["open", directory.path])
        #expect(refused.status == 3)
        #expect(refused.output.contains("store \(directory.path) is in use by process \(ProcessInfoPID.current)"))
        store.close()
        let admitted = try CrashProbe.run(["open", directory.path])
        #expect(admitted.status == 0, "\(admitted.output)")
        #expect(admitted.output.contains("opened"))
    }

    @Test("deleting LOCK lets no second process in: the lock is on the directory itself")
    func deletedLockFileStillRefuses() throws {
        let directory = try TemporaryDirectory(prefix: "store-lock-deleted")
        defer { directory.remove() }
        let store = try Store.open(at: directory.path)
        try FileManager.default.removeItem(atPath: directory.appending("LOCK"))
        let refused = try CrashProbe.run(["open", directory.path])
        #expect(refused.status == 3, "\(refused.output)")
        #expect(refused.output.contains("store \(directory.path) is in use"), "\(refused.output)")
        #expect(throws: StoreError.self) { try Store.open(at: directory.path) }
        store.close()
        let admitted = try CrashProbe.run(["open", directory.path])
        #expect(admitted.status == 0, "\(admitted.output)")
    }
}
