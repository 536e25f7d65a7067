import FieldAgentCore
import FieldAgentTestSupport
import Foundation
import Testing

@testable import FieldAgentServer

/// The data directory's marker (`DATA/EPOCH`): a store restored, replaced or lost is refused until
/// the operator confirms it, and the marker follows the store's epoch otherwise.
@Suite struct StorageOpenerTests {
    /// A data directory in a fresh temporary directory.
    private static func dataDirectory() throws -> (TemporaryDirectory, DataDirectory) {
        let directory = try TemporaryDirectory(prefix: "fa-opener")
        return (directory, DataDirectory(path: directory.appending("data")))
    }

    /// Opens `data`, adds an agent when `agent` is given, closes; returns the report.
    @discardableResult
    private static func open(
        _ data: DataDirectory, acceptRestore: Bool = false, agent: String? = nil
    ) throws -> StartReport {
        try FileManager.default.createDirectory(atPath: data.path, withIntermediateDirectories: true)
        let (storage, report) = try StorageOpener(dataDirectory: data, acceptRestore: acceptRestore).open()
        defer { storage.close() }
        if let agent {
            try storage.saveAgent(AgentRecord(name: agent, tokenHash: SHA256.hash(Array(agent.utf8))))
        }
        return report
    }

    private static func marker(_ data: DataDirectory) throws -> String {
        try String(contentsOfFile: data.epochMarkerPath, encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    @Test func aNewDirectoryGetsAMarkerWithTheNewStoresEpoch() throws {
        let (directory, data) = try Self.dataDirectory()
        defer { directory.remove() }
        let report = try Self.open(data, agent: "alice")
        #expect(report.newEpochReasons == ["new store"])
        #expect(report.repairs.isEmpty)
        #expect(try Self.marker(data) == report.epoch)
        #expect(report.lines.last == "store epoch \(report.epoch), last sequence 0")
        let again = try Self.open(data)
        #expect(again.epoch == report.epoch && again.newEpochReasons.isEmpty && again.repairs.isEmpty)
    }

    @Test func anEmptyStoreOfTheSameHistoryIsServed() throws {
        let (directory, data) = try Self.dataDirectory()
        defer { directory.remove() }
        let first = try Self.open(data)
        #expect(try Self.open(data).epoch == first.epoch)
    }

    @Test(arguments: [true, false])
    func aLostStoreIsRefusedAndNothingIsCreated(removeDirectory: Bool) throws {
        let (directory, data) = try Self.dataDirectory()
        defer { directory.remove() }
        let first = try Self.open(data, agent: "alice")
        if removeDirectory {
            try FileManager.default.removeItem(atPath: data.storePath)
        } else {
            for name in try FileManager.default.contentsOfDirectory(atPath: data.storePath) {
                try FileManager.default.removeItem(atPath: data.storePath + "/" + name)
            }
        }
        #expect {
            try Self.open(data)
        } throws: { error in
            guard case .storeEmptied(let path, let epoch) = error as? ServerStorageError else { return false }
            return path == data.path && epoch == first.epoch
        }
        let left = (try? FileManager.default.contentsOfDirectory(atPath: data.storePath)) ?? []
        #expect(left.isEmpty, "nothing is created: \(left)")
        #expect(FileManager.default.fileExists(atPath: data.storePath) == !removeDirectory)
        #expect(try Self.marker(data) == first.epoch, "the marker is kept")
        let confirmed = try Self.open(data, acceptRestore: true)
        #expect(confirmed.repairs.map(\.kind) == ["restore-confirmed"])
        #expect(confirmed.newEpochReasons == ["new store", StorageOpener.restoreReason])
        #expect(confirmed.epoch != first.epoch)
        #expect(try Self.marker(data) == confirmed.epoch)
        #expect(try Self.open(data).epoch == confirmed.epoch, "served without the flag from then on")
    }

    @Test func aStoreOfAnotherHistoryIsRefusedUntilConfirmed() throws {
        let (directory, data) = try Self.dataDirectory()
        defer { directory.remove() }
        let other = DataDirectory(path: directory.appending("other"))
        let mine = try Self.open(data, agent: "alice")
        let theirs = try Self.open(other, agent: "bob")
        try FileManager.default.removeItem(atPath: data.storePath)
        try FileManager.default.copyItem(atPath: other.storePath, toPath: data.storePath)
        #expect {
            try Self.open(data)
        } throws: { error in
            guard case .storeReplaced(_, let marker, let found) = error as? ServerStorageError else { return false }
            return marker == mine.epoch && found == theirs.epoch
                && "\(error)".contains("serve --data \(data.path) --accept-restore")
        }
        #expect(try Self.marker(data) == mine.epoch)
        let confirmed = try Self.open(data, acceptRestore: true)
        #expect(confirmed.epoch != theirs.epoch && confirmed.epoch != mine.epoch)
        #expect(try Self.marker(data) == confirmed.epoch)
    }

    @Test func aMarkerOneEpochBehindTheStoreIsBroughtUpToDate() throws {
        let (directory, data) = try Self.dataDirectory()
        defer { directory.remove() }
        let first = try Self.open(data, agent: "alice")
        // As if a crash came between the store's new epoch and the marker's update.
        let storage = try FileServerStorage(path: data.storePath)
        let newer = try storage.startNewEpoch(reason: "test")
        storage.close()
        #expect(try Self.marker(data) == first.epoch)
        #expect(try Self.open(data).epoch == newer)
        #expect(try Self.marker(data) == newer)
    }

    @Test func aDamagedMarkerIsReportedAndTheFlagReplacesIt() throws {
        let (directory, data) = try Self.dataDirectory()
        defer { directory.remove() }
        try Self.open(data, agent: "alice")
        try Data("not an epoch\n".utf8).write(to: URL(fileURLWithPath: data.epochMarkerPath))
        #expect {
            try Self.open(data)
        } throws: { error in
            guard case .unreadableEpochMarker(let path, _) = error as? ServerStorageError else { return false }
            return path == data.epochMarkerPath
        }
        let confirmed = try Self.open(data, acceptRestore: true)
        #expect(try Self.marker(data) == confirmed.epoch)
    }
}
