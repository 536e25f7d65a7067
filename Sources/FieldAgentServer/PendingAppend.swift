import FieldAgentCore

/// One caller's changes waiting for the writer lock, and what storing them came to once the
/// caller that took the lock stored them (see ``FileServerStorage/append(_:)``).
///
/// `@unchecked Sendable`: `result` is written and read only while holding the storage's writer lock.
final class PendingAppend: @unchecked Sendable {
    let changes: [Change]
    var result: Result<[AppendOutcome], ServerStorageError>?

    init(_ changes: [Change]) { self.changes = changes }
}
