/// One change to the store's metadata map, as recorded in a transaction.
enum MetadataChange: Sendable, Equatable {
    case set(key: String, value: [UInt8])
    case remove(key: String)

    /// Applies the change to `metadata`.
    func apply(to metadata: inout [String: [UInt8]]) {
        switch self {
        case .set(let key, let value): metadata[key] = value
        case .remove(let key): metadata[key] = nil
        }
    }
}
