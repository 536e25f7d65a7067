/// Header fields in the order they arrived, looked up by name without regard to case.
///
/// HTTP field names are case-insensitive, but order matters for repeated fields and for
/// faithful logging, so this keeps a list rather than a dictionary.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// One field: the name as sent and its value with surrounding whitespace removed.
    public struct Field: Sendable, Equatable {
        /// The field name as it was written.
        public var name: String
        /// The field value, without leading or trailing spaces and tabs.
        public var value: String

        /// A field with `name` and `value`.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The fields in order.
    public private(set) var fields: [Field] = []

    /// No fields.
    public init() {}

    /// Fields from `(name, value)` pairs, keeping their order.
    public init(_ pairs: [(String, String)]) {
        fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The number of fields.
    public var count: Int { fields.count }

    /// Whether there are no fields.
    public var isEmpty: Bool { fields.isEmpty }

    /// Appends a field, keeping any earlier field with the same name.
    public mutating func add(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Replaces every field named `name` (any case) with one field holding `value`.
    public mutating func replaceOrAdd(name: String, value: String) {
        remove(name: name)
        add(name: name, value: value)
    }

    /// Removes every field named `name` (any case).
    public mutating func remove(name: String) {
        fields.removeAll { HTTPHeaders.namesEqual($0.name, name) }
    }

    /// The value of the first field named `name` (any case), or `nil`.
    public subscript(name: String) -> String? {
        for field in fields where HTTPHeaders.namesEqual(field.name, name) {
            return field.value
        }
        return nil
    }

    /// The values of every field named `name` (any case), in order.
    public func values(for name: String) -> [String] {
        fields.filter { HTTPHeaders.namesEqual($0.name, name) }.map(\.value)
    }

    /// Whether any field is named `name` (any case).
    public func contains(_ name: String) -> Bool {
        self[name] != nil
    }

    /// Whether a comma-separated field named `name` lists `token` (any case), e.g. `Connection: close`.
    public func containsToken(_ token: String, in name: String) -> Bool {
        for field in fields where HTTPHeaders.namesEqual(field.name, name) {
            for element in field.value.utf8.split(separator: UInt8(ascii: ",")) {
                let trimmed = HTTPHeaders.trimmed(element)
                if HTTPHeaders.asciiCaseInsensitiveEqual(trimmed, token.utf8) { return true }
            }
        }
        return false
    }

    public func makeIterator() -> IndexingIterator<[Field]> {
        fields.makeIterator()
    }

    /// ASCII case-insensitive comparison of two field names, without allocating.
    @inline(__always)
    static func namesEqual(_ a: String, _ b: String) -> Bool {
        asciiCaseInsensitiveEqual(a.utf8, b.utf8)
    }

    static func asciiCaseInsensitiveEqual(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) where x != y {
            guard lowercased(x) == lowercased(y) else { return false }
        }
        return true
    }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    private static func trimmed(_ bytes: Substring.UTF8View) -> Substring.UTF8View {
        var slice = bytes
        while let first = slice.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            slice = slice.dropFirst()
        }
        while let last = slice.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            slice = slice.dropLast()
        }
        return slice
    }
}
