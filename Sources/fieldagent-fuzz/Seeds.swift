import FieldAgentCore
import FieldAgentProtocol
import Foundation

/// The starting corpus of a target: its generated valid encodings plus, from the protocol's golden
/// examples (`Fixtures/wire`), the documents and pages it reads.
enum Seeds {
    /// Every seed of `target`; `wire` is the golden example directory, if given.
    static func all(for target: FuzzTarget, wire: String?) -> [(String, [UInt8])] {
        var seeds = target.seeds()
        guard let wire, let names = try? FileManager.default.contentsOfDirectory(atPath: wire) else { return seeds }
        for name in names.sorted() {
            guard let text = try? String(contentsOfFile: wire + "/" + name, encoding: .utf8) else { continue }
            let bytes = Array(text.utf8)
            switch target {
            case .json where name.hasSuffix(".json"): seeds.append(("wire-\(name)", bytes))
            case .http where name.hasSuffix(".json"):
                let head = "POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Length: \(bytes.count)\r\n\r\n"
                seeds.append(("wire-\(name)", [255] + Array(head.utf8) + bytes))
            case .page where name.hasSuffix(".hex"): seeds.append(("wire-\(name)", hexBytes(text)))
            case .page where name.hasPrefix("pull-") && name.hasSuffix(".json"):
                if let page = try? PullResponse(json: JSON.parse(bytes)) { seeds.append(("wire-\(name)", page.binary)) }
            default: continue
            }
        }
        return seeds
    }

    /// The bytes an annotated hex fixture spells: hex pairs, `#` starts a comment.
    static func hexBytes(_ text: String) -> [UInt8] {
        let pairs = text.split(separator: "\n").flatMap {
            $0.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0].split(separator: " ")
        }
        return Hex.decode(pairs.joined()) ?? []
    }

    /// Writes the seeds of `target` into `directory` (created if missing), one file each.
    static func write(_ target: FuzzTarget, to directory: String, wire: String?) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, bytes) in all(for: target, wire: wire) {
            try Data(bytes).write(to: URL(fileURLWithPath: directory + "/seed-" + name))
        }
    }
}
