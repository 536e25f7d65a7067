import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentTestSupport
import Foundation
import Testing

@testable import FieldAgentClientCLI

/// The demo's portfolio is the fixture file, embedded byte for byte, and the demo imports it.
@Suite("Demo portfolio")
struct DemoPortfolioTests {
    @Test func embeddedBytesAreTheFixtureFile() throws {
        let fixture = try Data(contentsOf: URL(fileURLWithPath: Sandbox.portfolio))
        #expect(DemoPortfolio.bytes == Array(fixture))
        #expect(PackageResources.portfolio_small_json == Array(fixture))
    }

    @Test func theDemoImportsTheEmbeddedPortfolio() throws {
        let directory = try TemporaryDirectory(prefix: "fa-demo-import")
        defer { directory.remove() }
        let context = ClientContext(
            home: directory.appending("home"), console: Console(out: { _ in }, err: { _ in }), terminal: .plain,
            now: { Instant("2026-11-30T07:00:00Z")! }, policy: .standard)
        let story = DemoStory(context: context, root: directory.path)
        let (backOffice, _, _) = try story.startBackOffice()
        defer { backOffice.stop() }
        let fixture = try PortfolioReader(isKnownZone: { TimeZone(identifier: $0) != nil }).read(
            Array(try Data(contentsOf: URL(fileURLWithPath: Sandbox.portfolio))))
        let imported = try backOffice.server.admin.storage.currentState().customerIDs
        #expect(imported == fixture.customers.map(\.id).sorted())
    }
}
