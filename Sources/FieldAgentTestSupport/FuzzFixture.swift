import Foundation

/// Inputs the libFuzzer targets (`fieldagent-fuzz`) found crashing, kept under
/// `Fixtures/fuzz/<target>/` so the regression tests replay them through the decoder.
public enum FuzzFixture {
    /// Every file of `Fixtures/fuzz/<target>/`, sorted by name: (name, bytes). Empty if none.
    public static func inputs(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
        let directory = BuiltProduct.packageRoot().appendingPathComponent("Fixtures/fuzz/\(target)")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return try names.sorted().map { name in
            (name, Array(try Data(contentsOf: directory.appendingPathComponent(name))))
        }
    }
}
