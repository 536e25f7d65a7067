import FieldAgentSystem

/// One open segment file, shared by readers: the descriptor closes when the last reader lets go,
/// so a rewrite can swap in a new file while a reader still reads the old one.
///
/// `@unchecked Sendable`: the descriptor is immutable and `pread` needs no lock.
final class SegmentFile: @unchecked Sendable {
    let descriptor: FileDescriptor

    init(_ descriptor: FileDescriptor) { self.descriptor = descriptor }

    deinit { try? descriptor.close() }
}
