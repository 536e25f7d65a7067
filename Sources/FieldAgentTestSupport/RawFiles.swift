import Foundation

/// Searches the raw bytes of every file under a directory: how erasure tests prove that no file,
/// log, snapshot or temporary, still holds a customer's personal data.
public enum RawFiles {
    /// Paths (relative to `directory`) of the regular files whose bytes contain `text` as UTF-8.
    public static func containing(_ text: String, under directory: String) throws -> [String] {
        let pattern = Data(text.utf8)
        var hits: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            let path = (directory as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = FileManager.default.contents(atPath: path)
            else { continue }
            if data.range(of: pattern) != nil { hits.append(relative) }
        }
        return hits.sorted()
    }

    /// Whether any file under `directory` contains `text`.
    public static func anyContains(_ text: String, under directory: String) throws -> Bool {
        try !containing(text, under: directory).isEmpty
    }
}
