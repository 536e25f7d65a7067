/// The demo's portfolio: `Fixtures/portfolio-small.json`, embedded as a SwiftPM resource so
/// `fieldagent demo` runs anywhere. Tests check the bytes equal the fixture file.
enum DemoPortfolio {
    /// The portfolio document, in the import format.
    static var bytes: [UInt8] { PackageResources.portfolio_small_json }
}
