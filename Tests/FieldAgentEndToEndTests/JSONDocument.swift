import Foundation

/// Small accessors over `JSONSerialization` output, so tests read keys without casting noise.
enum JSONDocument {
    struct NotJSON: Error, CustomStringConvertible {
        var text: String
        var description: String { "stdout is not one JSON document:\n\(text)" }
    }

    /// Parses `text` as exactly one JSON document.
    static func parse(_ text: String) throws -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            throw NotJSON(text: text)
        }
    }

    /// `value` as an object, or empty.
    static func object(_ value: Any?) -> [String: Any] { value as? [String: Any] ?? [:] }

    /// `value` as an array of objects, or empty.
    static func objects(_ value: Any?) -> [[String: Any]] { value as? [[String: Any]] ?? [] }

    /// `value` as an array of strings, or empty.
    static func strings(_ value: Any?) -> [String] { value as? [String] ?? [] }

    /// The sorted keys of an object.
    static func keys(_ value: Any?) -> Set<String> { Set(object(value).keys) }
}
