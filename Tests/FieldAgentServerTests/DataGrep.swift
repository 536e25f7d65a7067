import Foundation

/// Searches the raw bytes of every file under a directory.
enum DataGrep {
    static func files(under directory: String, containing needle: String) throws -> [String] {
        let pattern = Data(needle.utf8)
        var hits: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            let path = directory + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = FileManager.default.contents(atPath: path)
            else { continue }
            if data.range(of: pattern) != nil { hits.append(relative) }
        }
        return hits
    }
}
