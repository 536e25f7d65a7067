import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentSystem
import Foundation

/// `fieldagent demo`: the whole story on an embedded server, as a guided tour (``DemoStory``).
struct DemoCommand: ClientCommand {
    static let path = ["demo"]
    static let abstract = "run the whole story on an embedded server and explain it (takes a few seconds)"
    static let synopsis = "[--keep]"
    static let details = """
        Starts a sync server on an ephemeral 127.0.0.1 port with a temporary data directory, imports the
        demo portfolio (Fixtures/portfolio-small.json), creates agents alice and bob with three devices, has
        them work offline with conflicting edits, syncs, and shows convergence, the conflict and its
        resolution, today's plan and the KPIs. Time is simulated (Monday 2026-11-30), so every run tells the
        same story. --keep leaves the temporary directory in place for a look around.
        """

    var keep: Bool

    init(_ a: inout ArgumentCursor) throws(UsageError) { keep = try a.flag("--keep") }

    func run(_ context: ClientContext) async throws -> ExitCode {
        let started = ContinuousClock.now
        let root = (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "fieldagent-demo-" + Hex.random(byteCount: 4))
        try FileSystem.makeDirectories(root)
        defer { if !keep { try? FileManager.default.removeItem(atPath: root) } }
        let story = DemoStory(context: context, root: root)
        try await story.tell()
        story.finish(keep: keep, elapsed: ContinuousClock.now - started)
        return .success
    }
}
