import Testing

@testable import FieldAgentCore

@Suite struct SHA256Tests {
    private static let abc448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    private static let abc896 =
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"

    @Test(
        "NIST FIPS 180-4 example vectors",
        arguments: [
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            (abc448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
            (abc896, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        ])
    func nistVectors(message: String, expected: String) {
        #expect(Hex.encode(SHA256.hash(message)) == expected)
        #expect(SHA256.hexDigest(Array(message.utf8)) == expected)
    }

    @Test("One million 'a' characters")
    func millionA() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(Hex.encode(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("Any split of a message into updates gives the one-shot digest")
    func multiUpdateSplits() {
        let message = Array(SHA256Tests.abc896.utf8) + Array(SHA256Tests.abc448.utf8)
        let expected = SHA256.hash(message)
        for first in 0...message.count {
            for second in stride(from: first, through: message.count, by: 7) {
                var hasher = SHA256()
                hasher.update(message[..<first])
                hasher.update(message[first..<second])
                hasher.update(message[second...])
                #expect(hasher.finalize() == expected, "split at \(first), \(second)")
            }
        }
    }

    @Test("Padding boundaries around 55, 56 and 64 bytes hash consistently")
    func paddingBoundaries() {
        // Digests computed by an independent implementation (Python hashlib) for "a" * n.
        let expected: [Int: String] = [
            55: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
            56: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
            64: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
        ]
        for (count, digest) in expected {
            #expect(SHA256.hexDigest(Array(repeating: UInt8(ascii: "a"), count: count)) == digest)
        }
    }

    @Test("Hex round-trips and rejects malformed text")
    func hexRoundTrip() {
        let bytes: [UInt8] = [0x00, 0x7f, 0x80, 0xff, 0x0a]
        #expect(Hex.encode(bytes) == "007f80ff0a")
        #expect(Hex.decode("007F80ff0a") == bytes)
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
    }
}
