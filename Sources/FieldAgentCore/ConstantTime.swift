/// Comparisons whose running time does not depend on where two secrets differ.
///
/// Token hashes are compared with ``equals(_:_:)`` so that an attacker timing the server
/// cannot learn a hash byte by byte.
public enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes.
    ///
    /// Every byte is visited whatever the contents; only the lengths (public for fixed-size
    /// digests) may end the comparison early.
    /// Not generic on purpose: it sits on every request's path, and an unspecialised generic would
    /// look up type metadata at run time on each call.
    @inline(never)
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
