/// An ordered list of named migrations, applied when a store is opened.
///
/// Modelled on GRDB's `DatabaseMigrator`: register migrations once, in order, and never
/// change or reorder one that has shipped. On open, the migrations a store has not seen
/// run in order on its contents; the result and the names of all applied migrations are
/// committed in one crash-safe generation switch, so a crash leaves either the old store or
/// the fully migrated one. Structural changes of the file format itself are recognised by
/// the version number in each file's header.
public struct StoreMigrator: Sendable {
    /// The registered migrations, in application order.
    public private(set) var migrations: [StoreMigration] = []

    public init() {}

    /// Appends a migration. Names must be unique.
    public mutating func registerMigration(
        _ name: String, migrate: @escaping @Sendable (inout StoreContents) throws -> Void
    ) {
        precondition(!migrations.contains { $0.name == name }, "duplicate store migration name \(name)")
        migrations.append(StoreMigration(name: name, migrate: migrate))
    }

    /// The migrations not in `applied`, in registration order.
    func pending(after applied: [String]) -> [StoreMigration] {
        let done = Set(applied)
        return migrations.filter { !done.contains($0.name) }
    }
}
