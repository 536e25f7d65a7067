import FieldAgentServer
import FieldAgentSystem
import FieldAgentTestSupport
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

    @Test(
        "case 8: past the file size limit a push is answered 507 with a logged cause; it goes through once room returns"
    )
    func fileSizeLimit() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit") else {
            Issue.record("prlimit (util-linux) is missing; .ci/run installs it")
            return
        }
        let sandbox = try Sandbox()
        let (server, _) = try sandbox.startWithAlice()
        defer { server.stop() }
        let store = sandbox.data + "/store"
        let sizes = try FileManager.default.contentsOfDirectory(atPath: store).compactMap {
            (try FileManager.default.attributesOfItem(atPath: store + "/" + $0)[.size] as? NSNumber)?.intValue
        }
        // `prlimit --fsize` is in bytes: room for nothing but what the files hold now.
        let limit = sizes.max() ?? 0
        func prlimit(_ value: String) throws {
            let result = try ProcessRunner(executable: URL(fileURLWithPath: "/usr/bin/prlimit"), environment: [:]).run(
                ["--pid", String(server.processID), "--fsize=\(value)"])
            #expect(result.status == 0, "\(result)")
        }
        try prlimit("\(limit):unlimited")
        #expect(try sandbox.client("alice", ["customer", "set", "C-1001", "phone=+358400000777"]).status == 0)
        let refused = try sandbox.client("alice", ["sync"])
        #expect(refused.status != 0, "\(refused)")
        #expect(refused.stderr.contains("507") || refused.stderr.contains("disk"), "\(refused)")
        #expect(server.isRunning, "the server stays up")
        #expect(server.log.contains("answered 507"), "\(server.log)")
        #expect(server.log.contains("file size limit"), "the cause is logged: \(server.log)")
        #expect(try JSONDocument.object(sandbox.json("alice", ["status"]))["pending"] as? Int == 1)
        try prlimit("unlimited:unlimited")
        let synced = try sandbox.client("alice", ["sync"])
        #expect(synced.status == 0, "\(synced)")
        #expect(try JSONDocument.object(sandbox.json("alice", ["status"]))["pending"] as? Int == 0)
        let metrics = try server.exchange("GET /metrics HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        let failures = metrics.split(separator: "\n").first {
            $0.contains("write_failures_total{cause=\"out-of-room\"}")
        }
        #expect(failures.flatMap { $0.split(separator: " ").last }.flatMap { Int($0) } ?? 0 > 0, "\(metrics)")
    }

    static let personal = [
        "Aino Esimerkki", "+358400001001", "customer1001@example.invalid", "Esimerkkikatu 31, Tampere",
    ]

    @Test("case 7: a crash at any system call of erase leaves none of the customer's bytes once the data opens again")
    func eraseCrashesAtEveryStep() throws {
        let sandbox = try Sandbox()
        try sandbox.importPortfolio()
        let pristine = sandbox.directory.appending("pristine")
        try FileManager.default.copyItem(atPath: sandbox.data, toPath: pristine)
        var crashes = 0
        for operation in ["open", "pwrite", "fdatasync", "fsync", "rename", "unlink", "ftruncate"] {
            for skip in 0..<40 {
                try? FileManager.default.removeItem(atPath: sandbox.data)
                try FileManager.default.copyItem(atPath: pristine, toPath: sandbox.data)
                let run = try sandbox.server(
                    ["erase", "C-1001", "--data", sandbox.data],
                    extraEnvironment: ["FIELDAGENT_CRASH_AT": "\(operation):\(skip)"])
                if run.status == 0 { break }  // erase made fewer such calls: every one was crashed at
                #expect(run.status == FaultInjection.crashExitStatus, "\(operation):\(skip) \(run)")
                crashes += 1
                // The next open finishes an erasure whose tombstone is durable, before anything else.
                let storage = try FileServerStorage(path: sandbox.data + "/store")
                let erased = try storage.currentState().isErased("C-1001")
                storage.close()
                for text in Self.personal where erased {
                    #expect(try RawFiles.containing(text, under: sandbox.data).isEmpty, "\(operation):\(skip) \(text)")
                }
                // Either way, erasing (again) leaves nothing.
                #expect(try sandbox.server(["erase", "C-1001", "--data", sandbox.data]).status == 0)
                for text in Self.personal {
                    #expect(try RawFiles.containing(text, under: sandbox.data).isEmpty, "\(operation):\(skip) \(text)")
                }
            }
        }
        #expect(crashes >= 10, "erase was crashed at \(crashes) points")
    }
}

/// Case 9: a device clock far off the server's.
@Suite struct DeviceClockTests {
    @Test(
        "case 9: a clock 30 days behind is measured at sync, warned about by every command, and corrected in new work")
    func clockBehind() throws {
        let sandbox = try Sandbox()
        let (server, _) = try sandbox.startWithAlice()
        defer { server.stop() }
        let behind = "2026-10-31T07:00:00Z"  // Sandbox.now less 30 days
        let sync = try sandbox.client("alice", ["sync"], now: behind)
        #expect(sync.status == 0, "\(sync)")
        let listing = try sandbox.client("alice", ["customers"], now: behind)
        #expect(listing.status == 0 && listing.stderr.contains("30 days behind the server's"), "\(listing)")
        let status = try sandbox.client("alice", ["status"], now: behind)
        #expect(status.stdout.contains("Clock correction: the server is 30 days ahead of this device"), "\(status)")
        let logged = try sandbox.client(
            "alice", ["contact", "log", "C-1001", "--channel", "call", "--outcome", "no-answer"], now: behind)
        #expect(logged.status == 0, "\(logged)")
        let shown = JSONDocument.object(try sandbox.json("alice", ["customer", "show", "C-1001"]))
        let times = JSONDocument.objects(shown["contacts"]).compactMap { $0["at"] as? String }
        #expect(
            times.contains { $0.hasPrefix("2026-11-30") }, "stamped with the server's day, not the device's: \(times)")
        #expect(!times.contains { $0.hasPrefix("2026-10-31") }, "\(times)")
        // Once the clock is right again, the next sync measures that and the warnings stop.
        #expect(try sandbox.client("alice", ["sync"]).status == 0)
        let after = try sandbox.client("alice", ["customers"])
        #expect(!after.stderr.contains("behind"), "\(after)")
    }
}
