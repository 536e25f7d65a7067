import FieldAgentTestSupport
import Foundation
import Testing

/// Exact-output comparison against files under `Fixtures/cli/`.
///
/// A missing golden file fails the test. Set `FIELDAGENT_UPDATE_GOLDEN=1` to (re)write the files
/// instead; review the diff before committing.
enum Golden {
    static let directory = BuiltProduct.packageRoot().appendingPathComponent("Fixtures/cli")
    static let updating = ProcessInfo.processInfo.environment["FIELDAGENT_UPDATE_GOLDEN"] == "1"

    /// Expects `actual` to equal the file `name` (relative to `Fixtures/cli/`).
    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name)
        if updating {
            try? FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            #expect(throws: Never.self, sourceLocation: sourceLocation) {
                try Data(actual.utf8).write(to: url)
            }
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record(
                "golden file Fixtures/cli/\(name) is missing; run with FIELDAGENT_UPDATE_GOLDEN=1 and review it",
                sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        #expect(
            actual == expected, "output differs from Fixtures/cli/\(name):\n\(firstDifference(actual, expected))",
            sourceLocation: sourceLocation)
    }

    /// The first differing line, for a readable failure.
    static func firstDifference(_ actual: String, _ expected: String) -> String {
        let a = actual.components(separatedBy: "\n")
        let e = expected.components(separatedBy: "\n")
        for index in 0..<max(a.count, e.count) {
            let left = index < a.count ? a[index] : "<end>"
            let right = index < e.count ? e[index] : "<end>"
            if left != right { return "line \(index + 1):\n  actual:   \(left)\n  expected: \(right)" }
        }
        return "(no line differs)"
    }
}
