import Foundation

/// Finds an executable product of this package (`fieldagent`, `fieldagent-server` …) built next to the
/// running test bundle, so end-to-end tests run the binaries exactly as users do.
public enum BuiltProduct {
    /// The product was not found in any of the searched directories.
    public struct NotBuilt: Error, CustomStringConvertible {
        /// The product's name.
        public var name: String
        /// The directories looked in, in order.
        public var searched: [String]

        /// Names the product, where it was looked for, and how to build it.
        public var description: String {
            "\(name) was not found (looked in \(searched.joined(separator: ", "))); "
                + "run `swift build --product \(name)` first"
        }
    }

    /// The directories searched, in order: the test executable's directory, the bundle's, and
    /// `.build/debug` of the package that contains `packageFile`.
    public static func searchDirectories(packageFile: String = #filePath) -> [URL] {
        var directories: [URL] = []
        let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        directories.append(argument0.deletingLastPathComponent())
        directories.append(Bundle.main.bundleURL)
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        directories.append(packageRoot(packageFile: packageFile).appendingPathComponent(".build/debug"))
        return directories
    }

    /// The executable called `name`, or ``NotBuilt`` naming where it was looked for.
    public static func executable(_ name: String) throws(NotBuilt) -> URL {
        let directories = searchDirectories()
        for directory in directories {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw NotBuilt(name: name, searched: directories.map(\.path))
    }

    /// The package's root directory (the one holding `Package.swift`), from a source file inside
    /// `Sources/MODULE/` or `Tests/MODULE/`.
    public static func packageRoot(packageFile: String = #filePath) -> URL {
        URL(fileURLWithPath: packageFile)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
