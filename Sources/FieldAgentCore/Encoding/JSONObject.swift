/// The members of a JSON object, kept sorted by key in one compact array.
///
/// Objects are everywhere in the state (contact bodies, installments), so their footprint decides how
/// much memory a replica needs and how fast it loads: a sorted array of members takes less than half
/// the space of a dictionary, needs no hashing to build, and is already in the canonical order that
/// encoders and digests write.
public struct JSONObject: Hashable, Sendable, ExpressibleByDictionaryLiteral, Sequence {
    /// One key and its value.
    public struct Member: Hashable, Sendable {
        public let key: String
        public var value: Value

        public init(key: String, value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// The members in ascending key order; keys are unique.
    public private(set) var members: [Member]

    public init() { members = [] }

    /// An object with the dictionary's members.
    public init(_ dictionary: [String: Value]) {
        members = dictionary.map { Member(key: $0.key, value: $0.value) }.sorted { $0.key < $1.key }
    }

    /// Later duplicates replace earlier ones, as assignment would.
    public init(dictionaryLiteral elements: (String, Value)...) {
        members = []
        members.reserveCapacity(elements.count)
        for (key, value) in elements { self[key] = value }
    }

    /// Adopts members that the caller guarantees are sorted by key and unique (decoders check this).
    init(sortedMembers: [Member]) { members = sortedMembers }

    /// Whether `members` is strictly ascending by key.
    static func isStrictlySorted(_ members: [Member]) -> Bool {
        var index = 1
        while index < members.count {
            if !(members[index - 1].key < members[index].key) { return false }
            index += 1
        }
        return true
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    /// The keys in ascending order.
    public var keys: [String] { members.map(\.key) }
    /// The values in key order.
    public var values: [Value] { members.map(\.value) }
    /// The members as a dictionary.
    public var dictionary: [String: Value] {
        Dictionary(uniqueKeysWithValues: members.map { ($0.key, $0.value) })
    }

    private func position(of key: String) -> (found: Bool, index: Int) {
        var low = 0
        var high = members.count
        while low < high {
            let mid = (low + high) / 2
            let k = members[mid].key
            if k == key { return (true, mid) }
            if k < key { low = mid + 1 } else { high = mid }
        }
        return (false, low)
    }

    /// The value for `key`; assigning nil removes it.
    public subscript(key: String) -> Value? {
        get {
            let (found, index) = position(of: key)
            return found ? members[index].value : nil
        }
        set {
            let (found, index) = position(of: key)
            switch (found, newValue) {
            case (true, let value?): members[index].value = value
            case (true, nil): members.remove(at: index)
            case (false, let value?): members.insert(Member(key: key, value: value), at: index)
            case (false, nil): break
            }
        }
    }

    /// A dictionary of the values transformed by `transform`.
    public func mapValues<T>(_ transform: (Value) throws -> T) rethrows -> [String: T] {
        var out: [String: T] = [:]
        for member in members { out[member.key] = try transform(member.value) }
        return out
    }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: Value)> {
        members.lazy.map { (key: $0.key, value: $0.value) }.makeIterator()
    }
}
