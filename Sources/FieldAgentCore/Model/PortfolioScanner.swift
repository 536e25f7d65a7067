/// Reads a portfolio document one customer at a time from chunks of bytes, so a file of a million
/// customers is never held whole. The rules and error paths are ``PortfolioReader``'s; only the
/// order of reports differs, as a problem in an early customer is found before a syntax error
/// further on.
///
/// The document is `{"customers": [ … ]}`: the scanner reads that frame itself and hands each
/// element to the JSON parser once the buffer holds it whole.
public struct PortfolioScanner {
    private let reader: PortfolioReader
    private var buffer: [UInt8] = []
    /// The next unread byte in `buffer`.
    private var position = 0
    /// The document offset of `buffer[0]`.
    private var base = 0
    private var ended = false
    private var phase = Phase.document
    private var customerIDs = Set<String>()
    private var accountIDs = Set<String>()
    /// Customers read so far: the index of the next one.
    public private(set) var count = 0

    private enum Phase {
        case document, firstItem, nextItem, close, done
    }

    /// A scanner applying `reader`'s rules.
    public init(reader: PortfolioReader) { self.reader = reader }

    /// The next customer, or nil at the end of the document. `more` supplies the next chunk of the
    /// document, or nil (or an empty chunk) at its end.
    public mutating func next(more: () throws(ValidationError) -> [UInt8]?) throws(ValidationError) -> Customer? {
        while true {
            switch phase {
            case .document:
                try openDocument(more)
            case .firstItem:
                if try peek(more) == UInt8(ascii: "]") {
                    position += 1
                    phase = .close
                } else {
                    return try element(more)
                }
            case .nextItem:
                let byte = try peek(more)
                if byte == UInt8(ascii: "]") {
                    position += 1
                    phase = .close
                } else if byte == UInt8(ascii: ",") {
                    position += 1
                    return try element(more)
                } else {
                    throw syntax("expected ',' or ']'")
                }
            case .close:
                let byte = try peek(more)
                if byte == UInt8(ascii: ",") {
                    position += 1
                    guard try peek(more) == UInt8(ascii: "\"") else { throw syntax("expected a key") }
                    let offset = base + position
                    let key = try value(more, depth: 1)
                    if key == .string("customers") {
                        throw ValidationError(
                            path: "", problem: JSONError(offset: offset, problem: "duplicate key").description)
                    }
                    throw ValidationError(path: key.stringValue ?? "", problem: "unknown key")
                }
                guard byte == UInt8(ascii: "}") else { throw syntax("expected ',' or '}'") }
                position += 1
                if try peekOrEnd(more) != nil { throw syntax("unexpected data after the document") }
                phase = .done
            case .done:
                return nil
            }
        }
    }

    /// Reads `{"customers": [` (or reports what the document has instead).
    private mutating func openDocument(_ more: () throws(ValidationError) -> [UInt8]?) throws(ValidationError) {
        guard try peek(more) == UInt8(ascii: "{") else {
            let found = try value(more, depth: 0)
            throw ValidationError(path: "", problem: "expected an object, found \(found.typeName)")
        }
        position += 1
        let byte = try peek(more)
        if byte == UInt8(ascii: "}") { throw ValidationError(path: "customers", problem: "is required") }
        guard byte == UInt8(ascii: "\"") else { throw syntax("expected a key") }
        let key = try value(more, depth: 1)
        guard key == .string("customers") else {
            throw ValidationError(path: key.stringValue ?? "", problem: "unknown key")
        }
        guard try peek(more) == UInt8(ascii: ":") else { throw syntax("expected ':'") }
        position += 1
        guard try peek(more) == UInt8(ascii: "[") else {
            let found = try value(more, depth: 1)
            if found == .null { throw ValidationError(path: "customers", problem: "is required") }
            throw ValidationError(path: "customers", problem: "expected an array, found \(found.typeName)")
        }
        position += 1
        phase = .firstItem
    }

    /// Reads and checks the next customer of the list.
    private mutating func element(_ more: () throws(ValidationError) -> [UInt8]?) throws(ValidationError) -> Customer {
        let item = try value(more, depth: 2)
        let index = count
        let customer = try reader.customer(Node(item, "customers[\(index)]"))
        guard customerIDs.insert(customer.id).inserted else {
            throw ValidationError(path: "customers[\(index)].id", problem: "duplicate customer id")
        }
        for (a, account) in customer.accounts.enumerated() where !accountIDs.insert(account.id).inserted {
            throw ValidationError(path: "customers[\(index)].accounts[\(a)].id", problem: "duplicate account id")
        }
        count += 1
        phase = .nextItem
        return customer
    }

    /// Parses the JSON value at `position`, reading more while it runs into the buffer's end.
    private mutating func value(_ more: () throws(ValidationError) -> [UInt8]?, depth: Int) throws(ValidationError)
        -> Value
    {
        while true {
            let start = position
            let attempt = buffer.withUnsafeBufferPointer { bytes -> Result<(value: Value, end: Int), JSONError> in
                do throws(JSONError) {
                    return .success(try JSON.parseValue(in: bytes, at: start, depth: depth))
                } catch {
                    return .failure(error)
                }
            }
            switch attempt {
            case .success(let parsed):
                position = parsed.end
                return parsed.value
            case .failure(let error):
                // A value cut by the buffer's end fails within its last few bytes; read on.
                if !ended, error.offset + 16 >= buffer.count {
                    try read(more)
                    continue
                }
                throw ValidationError(
                    path: "", problem: JSONError(offset: base + error.offset, problem: error.problem).description)
            }
        }
    }

    /// The next byte that is not white space, without taking it; a syntax error at the end.
    private mutating func peek(_ more: () throws(ValidationError) -> [UInt8]?) throws(ValidationError) -> UInt8 {
        guard let byte = try peekOrEnd(more) else { throw syntax("unexpected end of input") }
        return byte
    }

    /// The next byte that is not white space, without taking it; nil at the document's end.
    private mutating func peekOrEnd(_ more: () throws(ValidationError) -> [UInt8]?) throws(ValidationError) -> UInt8? {
        while true {
            while position < buffer.count {
                switch buffer[position] {
                case 0x20, 0x0A, 0x0D, 0x09: position += 1
                default: return buffer[position]
                }
            }
            if ended { return nil }
            try read(more)
        }
    }

    /// Appends the next chunk, dropping what was read once it is most of the buffer.
    private mutating func read(_ more: () throws(ValidationError) -> [UInt8]?) throws(ValidationError) {
        guard let chunk = try more(), !chunk.isEmpty else {
            ended = true
            return
        }
        if position > 0, position * 2 >= buffer.count {
            buffer.removeFirst(position)
            base += position
            position = 0
        }
        buffer += chunk
    }

    private func syntax(_ problem: String) -> ValidationError {
        ValidationError(path: "", problem: JSONError(offset: base + position, problem: problem).description)
    }
}
