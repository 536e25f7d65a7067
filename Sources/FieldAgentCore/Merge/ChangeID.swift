/// The identity of a change: the replica that made it and that replica's counter (1, 2, 3 …).
public struct ChangeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var replica: String
    public var counter: UInt64

    public init(replica: String, counter: UInt64) {
        self.replica = replica
        self.counter = counter
    }

    /// `replica:counter`, the form used on the wire and in listings.
    public var description: String { "\(replica):\(counter)" }

    /// Parses `replica:counter`; the replica part may itself contain colons.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let counter = UInt64(text[text.index(after: colon)...]),
            counter > 0, colon != text.startIndex
        else { return nil }
        self.init(replica: String(text[..<colon]), counter: counter)
    }

    public static func < (lhs: ChangeID, rhs: ChangeID) -> Bool {
        (lhs.replica, lhs.counter) < (rhs.replica, rhs.counter)
    }
}
