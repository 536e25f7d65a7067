/// The compact binary form of a list of changes, used by snapshots, the change log and digests.
///
/// Layout: a table of short strings (ids, field names, enum-like values, object keys) then the
/// changes, each referring to table entries by index. Timestamps are delta-encoded against the
/// previous change; integers are varints. Object keys are written sorted, so equal changes in the
/// same order always encode to the same bytes.
public enum ChangeCodec {
    static let version: UInt8 = 1
    /// Strings up to this many bytes go into the shared table; longer ones are written inline.
    static let internLimit = 32
    /// The fewest bytes one encoded change takes: eight one-byte fields (replica, counter, wall,
    /// logical, agent, customer, kind, field), a value tag and the replaces count.
    static let minimumChangeSize = 10

    /// Encodes `changes` in the given order.
    public static func encode(_ changes: [Change]) -> [UInt8] {
        var body = BinaryWriter(capacity: changes.count * 48 + 64)
        var table = StringTable()
        body.varint(UInt64(changes.count))
        var previousWall: Int64 = 0
        for change in changes {
            body.varint(UInt64(table.index(change.id.replica)))
            body.varint(change.id.counter)
            body.signed(change.hlc.wallMillis &- previousWall)
            previousWall = change.hlc.wallMillis
            body.varint(UInt64(change.hlc.logical))
            body.varint(UInt64(table.index(change.agent)))
            let t = change.target
            body.varint(UInt64(table.index(t.customer)))
            let sameID = t.id == t.customer
            body.byte(t.entity.rawValue | change.op.rawValue << 3 | (sameID ? 0x80 : 0))
            if !sameID { body.varint(UInt64(table.index(t.id))) }
            body.varint(UInt64(table.index(t.field)))
            writeValue(change.value, &body, &table)
            body.varint(UInt64(change.replaces.count))
            for r in change.replaces {
                body.varint(UInt64(table.index(r.replica)))
                body.varint(r.counter)
            }
        }
        var out = BinaryWriter(capacity: body.bytes.count + table.byteCount + 16)
        out.byte(version)
        out.varint(UInt64(table.strings.count))
        for s in table.strings { out.string(s) }
        out.raw(body.bytes)
        return out.bytes
    }

    /// Decodes what ``encode(_:)`` wrote.
    public static func decode(_ bytes: [UInt8]) throws(DecodeError) -> [Change] {
        try bytes.withUnsafeBufferPointer { buffer throws(DecodeError) -> [Change] in
            var reader = BinaryReader(buffer)
            let changes = try decode(from: &reader)
            guard reader.isAtEnd else { throw DecodeError(offset: reader.offset, problem: "trailing bytes") }
            return changes
        }
    }

    /// Decodes a list that fills `slice` exactly.
    static func decode(slice: UnsafeBufferPointer<UInt8>) throws(DecodeError) -> [Change] {
        var reader = BinaryReader(slice)
        let changes = try decode(from: &reader)
        guard reader.isAtEnd else { throw DecodeError(offset: reader.offset, problem: "trailing bytes") }
        return changes
    }

    /// Decodes one encoded list from `reader`, leaving it after the list.
    public static func decode(from reader: inout BinaryReader) throws(DecodeError) -> [Change] {
        guard try reader.byte() == version else {
            throw DecodeError(offset: reader.offset - 1, problem: "unknown change encoding version")
        }
        let stringCount = try reader.count()
        var strings: [String] = []
        strings.reserveCapacity(stringCount)
        for _ in 0..<stringCount { strings.append(try reader.string()) }
        func str(_ reader: inout BinaryReader) throws(DecodeError) -> String {
            let i = try reader.int()
            guard i < strings.count else {
                throw DecodeError(offset: reader.offset, problem: "string index out of range")
            }
            return strings[i]
        }
        let count = try reader.count(minimumItemSize: minimumChangeSize)
        var changes: [Change] = []
        changes.reserveCapacity(count)
        var previousWall: Int64 = 0
        for _ in 0..<count {
            let replica = try str(&reader)
            let counter = try reader.varint()
            let wall = previousWall &+ (try reader.signed())
            previousWall = wall
            let logical = try reader.varint()
            let agent = try str(&reader)
            let customer = try str(&reader)
            let packed = try reader.byte()
            guard let entity = EntityKind(rawValue: packed & 0x07), let op = Operation(rawValue: (packed >> 3) & 0x0F),
                logical <= UInt64(UInt32.max)
            else { throw DecodeError(offset: reader.offset, problem: "invalid change header") }
            let id = packed & 0x80 != 0 ? customer : try str(&reader)
            let field = try str(&reader)
            let value = try readValue(&reader, strings, depth: 0)
            let replaceCount = try reader.count(minimumItemSize: 2)
            var replaces: [ChangeID] = []
            replaces.reserveCapacity(replaceCount)
            for _ in 0..<replaceCount {
                replaces.append(ChangeID(replica: try str(&reader), counter: try reader.varint()))
            }
            changes.append(
                Change(
                    id: ChangeID(replica: replica, counter: counter),
                    hlc: HLCTimestamp(wallMillis: wall, logical: UInt32(logical)), agent: agent,
                    target: Target(customer: customer, entity: entity, id: id, field: field), op: op, value: value,
                    replaces: replaces))
        }
        return changes
    }

    private enum Tag: UInt8 {
        case null = 0, falseValue, trueValue, int, double, inlineString, tableString, list, object
    }

    static func writeValue(_ value: Value, _ w: inout BinaryWriter, _ table: inout StringTable) {
        switch value {
        case .null: w.byte(Tag.null.rawValue)
        case .bool(let b): w.byte(b ? Tag.trueValue.rawValue : Tag.falseValue.rawValue)
        case .int(let i):
            w.byte(Tag.int.rawValue)
            w.signed(i)
        case .double(let d):
            w.byte(Tag.double.rawValue)
            w.fixed64(d.bitPattern)
        case .string(let s):
            if s.utf8.count <= internLimit {
                w.byte(Tag.tableString.rawValue)
                w.varint(UInt64(table.index(s)))
            } else {
                w.byte(Tag.inlineString.rawValue)
                w.string(s)
            }
        case .list(let items):
            w.byte(Tag.list.rawValue)
            w.varint(UInt64(items.count))
            for item in items { writeValue(item, &w, &table) }
        case .object(let members):
            w.byte(Tag.object.rawValue)
            w.varint(UInt64(members.count))
            for member in members.members {
                w.varint(UInt64(table.index(member.key)))
                writeValue(member.value, &w, &table)
            }
        }
    }

    static func readValue(_ r: inout BinaryReader, _ strings: [String], depth: Int) throws(DecodeError) -> Value {
        guard depth < 64 else { throw DecodeError(offset: r.offset, problem: "value nested too deeply") }
        let tagOffset = r.offset
        guard let tag = Tag(rawValue: try r.byte()) else {
            throw DecodeError(offset: tagOffset, problem: "unknown value tag")
        }
        switch tag {
        case .null: return .null
        case .falseValue: return .bool(false)
        case .trueValue: return .bool(true)
        case .int: return .int(try r.signed())
        case .double:
            // NaN is no JSON number and is unequal to itself, so a value holding it could not round-trip.
            let number = Double(bitPattern: try r.fixed64())
            guard !number.isNaN else { throw DecodeError(offset: tagOffset, problem: "a number that is NaN") }
            return .double(number)
        case .inlineString: return .string(try r.string())
        case .tableString:
            let i = try r.int()
            guard i < strings.count else { throw DecodeError(offset: r.offset, problem: "string index out of range") }
            return .string(strings[i])
        case .list:
            // Up to 64 nested values reserve before any item decodes, so each reservation is also capped.
            let n = try r.count()
            var items: [Value] = []
            items.reserveCapacity(min(n, 4096))
            for _ in 0..<n { items.append(try readValue(&r, strings, depth: depth + 1)) }
            return .list(items)
        case .object:
            let n = try r.count(minimumItemSize: 2)
            var members: [JSONObject.Member] = []
            members.reserveCapacity(min(n, 4096))
            for _ in 0..<n {
                let i = try r.int()
                guard i < strings.count else {
                    throw DecodeError(offset: r.offset, problem: "string index out of range")
                }
                members.append(JSONObject.Member(key: strings[i], value: try readValue(&r, strings, depth: depth + 1)))
            }
            guard JSONObject.isStrictlySorted(members) else {
                throw DecodeError(offset: r.offset, problem: "object keys out of order or repeated")
            }
            return .object(JSONObject(sortedMembers: members))
        }
    }
}

/// Assigns each distinct short string an index in first-seen order.
///
/// Encoding spends most of its time here, so it is a small open-addressing table keyed by an
/// FNV-1a hash of the UTF-8 bytes rather than a `Dictionary` with its seeded SipHash.
struct StringTable {
    var strings: [String] = []
    var byteCount = 0
    private var hashes: [UInt64] = []
    private var slots: [Int32] = Array(repeating: 0, count: 256)

    @inline(__always)
    mutating func index(_ s: String) -> Int {
        var text = s
        let h = text.withUTF8 { StringTable.fnv1a($0) }
        var mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while slots[slot] != 0 {
            let candidate = Int(slots[slot]) - 1
            if hashes[candidate] == h, strings[candidate] == s { return candidate }
            slot = (slot + 1) & mask
        }
        let index = strings.count
        strings.append(s)
        hashes.append(h)
        byteCount += s.utf8.count + 2
        slots[slot] = Int32(index + 1)
        if strings.count * 2 > slots.count {
            slots = Array(repeating: 0, count: slots.count * 2)
            mask = slots.count - 1
            for (i, hash) in hashes.enumerated() {
                var at = Int(truncatingIfNeeded: hash) & mask
                while slots[at] != 0 { at = (at + 1) & mask }
                slots[at] = Int32(i + 1)
            }
        }
        return index
    }

    @inline(__always)
    static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h ^ (h >> 29)
    }
}
