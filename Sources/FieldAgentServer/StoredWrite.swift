import FieldAgentCore

/// Where a stored change (live or superseded) wrote: what a `replaces` entry naming it is checked against.
public struct StoredWrite: Hashable, Sendable {
    /// The customer the change is about.
    public var customer: String
    /// ``registerHash(of:)`` of the change; nil when it was stored before the server kept it.
    public var register: UInt64?

    public init(customer: String, register: UInt64?) {
        self.customer = customer
        self.register = register
    }

    /// The write `change` makes, as stored.
    public init(of change: Change) {
        self.init(customer: change.target.customer, register: StoredWrite.registerHash(of: change))
    }

    /// Whether a `replaces` entry of `change` may name this stored change: same customer, and the
    /// same register where that is known.
    public func mayBeReplaced(by change: Change) -> Bool {
        customer == change.target.customer && (register.map { $0 == StoredWrite.registerHash(of: change) } ?? true)
    }

    /// A stable 64-bit FNV-1a hash of the register a change writes (operation and whole target),
    /// the same in every process, so it can be kept in snapshots.
    public static func registerHash(of change: Change) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        // 0xFF never occurs in UTF-8, so it separates the strings unambiguously.
        func mix(_ text: String) {
            for byte in text.utf8 { mix(byte) }
            mix(0xff)
        }
        let target = change.target
        mix(change.op.rawValue)
        mix(target.entity.rawValue)
        mix(target.customer)
        mix(target.id)
        mix(target.field)
        return hash == 0 ? 1 : hash  // 0 stands for "not kept" in snapshots
    }
}
