import Foundation
import Testing

/// What an operator meets besides clean crashes (restores, truncation, deleted files), with the
/// real binaries: each case loses no acknowledged work and says what happened.
@Suite struct RecoveryTests {
    @Test("case 5: with LOCK deleted, a second server on the same data directory is still refused")
    func deletedLockFile() throws {
        let sandbox = try Sandbox()
        let (server, _) = try sandbox.startWithAlice()
        defer { server.stop() }
        try FileManager.default.removeItem(atPath: sandbox.data + "/store/LOCK")
        let second = try sandbox.server(["serve", "--data", sandbox.data, "--listen", "127.0.0.1:0"])
        #expect(second.status != 0, "\(second)")
        #expect(second.stderr.contains("is in use"), "\(second)")
        let admin = try sandbox.server(["agent", "list", "--data", sandbox.data])
        #expect(admin.status == 0, "back-office commands still go through the running server: \(admin)")
        #expect(try sandbox.client("alice", ["sync"]).status == 0, "the first server still serves")
    }
}
