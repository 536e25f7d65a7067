import FieldAgentCore
import Testing

@testable import FieldAgentPolicy

/// The streaming reader gives the whole-document reader's answer however the bytes are cut.
@Suite struct PortfolioScannerTests {
    static var reader: PortfolioReader { PortfolioReader(isKnownZone: TimeZoneClock.isKnownZone) }

    /// The answer of parsing the whole document first, as the reader did before it streamed.
    static func whole(_ bytes: [UInt8]) -> Result<Portfolio, ValidationError> {
        do throws(ValidationError) {
            let root: Value
            do { root = try JSON.parse(bytes) } catch { throw ValidationError(path: "", problem: error.description) }
            return .success(try reader.portfolio(root))
        } catch {
            return .failure(error)
        }
    }

    /// The scanner's answer when `bytes` arrive in chunks of at most `size`.
    static func scanned(_ bytes: [UInt8], chunk size: Int) -> Result<Portfolio, ValidationError> {
        var scanner = PortfolioScanner(reader: reader)
        var offset = 0
        var customers: [Customer] = []
        do throws(ValidationError) {
            while let customer = try scanner.next(more: { () throws(ValidationError) -> [UInt8]? in
                guard offset < bytes.count else { return nil }
                defer { offset = min(bytes.count, offset + size) }
                return Array(bytes[offset..<min(bytes.count, offset + size)])
            }) {
                customers.append(customer)
            }
            return .success(Portfolio(customers: customers))
        } catch {
            return .failure(error)
        }
    }

    @Test("a valid portfolio reads the same in chunks of every size from 1 byte to the whole file")
    func chunkSizesDoNotMatter() throws {
        let bytes = try Fixture.bytes("portfolio-small.json")
        let expected = try Self.whole(bytes).get()
        #expect(expected.customers.count == 20)
        for size in [1, 2, 3, 7, 16, 17, 100, 1_000, 4_096, bytes.count] {
            #expect(try Self.scanned(bytes, chunk: size).get() == expected, "chunks of \(size) bytes")
        }
    }

    static let hostile: [String] = [
        "", " ", "[]", "{}", "null", "{\"customers\": {}}", "{\"customers\": null}", "{\"x\": 1}",
        "{\"customers\": [], \"x\": 1}", "{\"customers\": [], \"customers\": []}", "{\"customers\": [1]}",
        "{\"customers\": [{}]}", "{\"customers\": []} x", "{\"customers\": [] ", "{\"customers\": [",
        "{\"customers\": [{\"id\": \"C-1\"", "{\"customers\" [] }", "{customers: []}", "{\"customers\": [],}",
        "{\"customers\": [{\"id\": \"C-1\", \"name\": \"A\", \"timeZone\": \"Europe/Helsinki\"},]}",
        "{\"customers\": [{\"id\": \"C-1\", \"name\": \"A\", \"timeZone\": \"Europe/Helsinki\"} {}]}",
        "{\"customers\": [{\"id\": \"C-1\", \"name\": \"A\", \"timeZone\": \"Europe/Helsinki\"}, "
            + "{\"id\": \"C-1\", \"name\": \"B\", \"timeZone\": \"Europe/Helsinki\"}]}",
        "{\"customers\": [\"\\u12\"]}", "{\"customers\": [{\"id\": \"C-1\", \"id\": \"C-2\"}]}",
        String(repeating: "[", count: 70), "{\"customers\": [" + String(repeating: "[", count: 70) + "]}",
        "{\"customers\": []}\u{0}", "\u{FEFF}{\"customers\": []}",
    ]

    @Test("hostile documents get the whole reader's error, in any chunking, or a valid empty portfolio")
    func hostileDocumentsFailAlike() {
        for text in Self.hostile {
            let bytes = Array(text.utf8)
            let expected = Self.whole(bytes)
            for size in [1, 5, max(1, bytes.count)] {
                let got = Self.scanned(bytes, chunk: size)
                switch (expected, got) {
                case (.success(let a), .success(let b)): #expect(a == b, "\(text.debugDescription)")
                case (.failure(let a), .failure(let b)):
                    #expect(a == b, "\(text.debugDescription) in chunks of \(size)")
                default:
                    Issue.record("\(text.debugDescription) in chunks of \(size): whole \(expected), scanned \(got)")
                }
            }
        }
    }

    @Test("a cut document is an error at its end, never a shorter portfolio")
    func everyPrefixOfAValidDocumentFails() throws {
        let bytes = try Fixture.bytes("portfolio-small.json")
        let end = bytes.lastIndex { $0 == UInt8(ascii: "}") }!
        for cut in stride(from: 0, to: end, by: 97) {
            let prefix = Array(bytes[..<cut])
            if case .success = Self.scanned(prefix, chunk: 512) { Issue.record("a cut at byte \(cut) read as valid") }
        }
    }
}
