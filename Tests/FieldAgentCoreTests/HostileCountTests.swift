import FieldAgentCore
import FieldAgentTestSupport
import Testing

/// Tiny inputs that claim huge counts. A decoder must throw ``DecodeError`` at once instead of
/// reserving room for the claimed items: before the counts were checked against the bytes that
/// remain, a few of these bytes made the change codec reserve tens of gigabytes and crash.
@Suite struct HostileCountTests {
    /// Larger than any count the reader accepts as a number.
    static let huge: UInt64 = 1 << 40
    /// The largest count the reader accepts as a number.
    static let largest = UInt64(Int32.max)

    static func bytes(_ build: (inout BinaryWriter) -> Void) -> [UInt8] {
        var w = BinaryWriter(capacity: 64)
        build(&w)
        return w.bytes
    }

    /// A change list of version 1 with the one table string "a", announcing one change whose
    /// fields all refer to it, up to (not including) its value.
    static func oneChangeHeader(_ w: inout BinaryWriter) {
        w.byte(1)
        w.varint(1)
        w.string("a")
        w.varint(1)
        for _ in 0..<6 { w.varint(0) }  // replica, counter, wall, logical, agent, customer
        w.byte(0x80)  // customer entity, set, id = customer
        w.varint(0)  // field
    }

    /// Change lists that each claim a count the bytes cannot hold.
    static func hostileChangeLists() -> [(String, [UInt8])] {
        [
            (
                "string count 2^40",
                Self.bytes {
                    $0.byte(1)
                    $0.varint(Self.huge)
                    $0.raw([0, 0, 0])
                }
            ),
            (
                "string count Int32.max",
                Self.bytes {
                    $0.byte(1)
                    $0.varint(Self.largest)
                    $0.string("a")
                }
            ),
            (
                "change count",
                Self.bytes {
                    $0.byte(1)
                    $0.varint(0)
                    $0.varint(Self.largest)
                    $0.raw([0, 0, 0])
                }
            ),
            (
                "replace count",
                Self.bytes {
                    Self.oneChangeHeader(&$0)
                    $0.byte(0)
                    $0.varint(Self.largest)
                    $0.raw([0, 0])
                }
            ),
            (
                "list count",
                Self.bytes {
                    Self.oneChangeHeader(&$0)
                    $0.byte(7)
                    $0.varint(Self.largest)
                    $0.byte(0)
                }
            ),
            (
                "object count",
                Self.bytes {
                    Self.oneChangeHeader(&$0)
                    $0.byte(8)
                    $0.varint(Self.largest)
                    $0.raw([0, 0])
                }
            ),
            (
                "nested lists",
                Self.bytes {
                    Self.oneChangeHeader(&$0)
                    for _ in 0..<63 {
                        $0.byte(7)
                        $0.varint(Self.largest)
                    }
                }
            ),
        ]
    }

    @Test func changeCodecRefusesCountsTheBytesCannotHold() {
        for (name, input) in HostileCountTests.hostileChangeLists() {
            #expect(DecodeCheck.problem(input, mustThrow: true) { _ = try ChangeCodec.decode($0) } == nil, "\(name)")
        }
    }

    /// A snapshot of `version` up to its seen origins: replica "r", clock zero.
    static func snapshotHeader(_ w: inout BinaryWriter, version: UInt8) {
        w.raw(Array("FASNAP".utf8))
        w.byte(version)
        w.string("r")
        w.signed(0)
        w.varint(0)
    }

    @Test func snapshotRefusesCountsTheBytesCannotHold() {
        let list = HostileCountTests.hostileChangeLists()[1].1
        let inputs: [(String, [UInt8])] = [
            (
                "origin count",
                Self.bytes {
                    Self.snapshotHeader(&$0, version: 2)
                    $0.varint(Self.largest)
                    $0.string("o")
                }
            ),
            (
                "seen counter count",
                Self.bytes {
                    Self.snapshotHeader(&$0, version: 2)
                    $0.varint(1)
                    $0.string("o")
                    $0.varint(0)
                    $0.varint(Self.largest)
                    $0.varint(1)
                }
            ),
            (
                "chunk count",
                Self.bytes {
                    Self.snapshotHeader(&$0, version: 2)
                    $0.varint(0)
                    $0.varint(Self.largest)
                    $0.byte(0)
                }
            ),
            (
                "chunk with a hostile list",
                Self.bytes {
                    Self.snapshotHeader(&$0, version: 2)
                    $0.varint(0)
                    $0.varint(1)
                    $0.varint(UInt64(list.count))
                    $0.raw(list)
                }
            ),
            (
                "version 1 with a hostile list",
                Self.bytes {
                    Self.snapshotHeader(&$0, version: 1)
                    $0.varint(0)
                    $0.raw(list)
                }
            ),
        ]
        for (name, input) in inputs {
            #expect(
                DecodeCheck.problem(input, mustThrow: true) { _ = try ReplicaState(snapshot: $0) } == nil, "\(name)")
        }
        // A chunk's error names its offset in the snapshot: here the list's string count, after its version byte.
        let chunked = inputs[3].1
        let error = #expect(throws: DecodeError.self) { try ReplicaState(snapshot: chunked) }
        #expect(error?.offset == chunked.count - list.count + 1)
    }
}
