#if !FUZZING
    import Foundation

    /// The normal build: replays corpus files through a target's check, as a regression runner.
    ///
    ///     fieldagent-fuzz --target json|http|page|changes|store FILE|DIR...
    ///     fieldagent-fuzz --target T --write-seeds DIR [--wire Fixtures/wire]
    ///
    /// Prints one line per failing file and a summary; exits 1 if any file failed, 64 on misuse.
    /// (Built with `-DFUZZING -sanitize=fuzzer,address`, the same checks run under libFuzzer instead.)
    @main
    enum Replay {
        static func main() {
            var arguments = Array(CommandLine.arguments.dropFirst())
            guard arguments.count >= 2, arguments[0] == "--target", let target = FuzzTarget(rawValue: arguments[1])
            else {
                fail("usage: fieldagent-fuzz --target json|http|page|changes|store FILE|DIR... | --write-seeds DIR")
            }
            arguments.removeFirst(2)
            if arguments.first == "--write-seeds", arguments.count >= 2 {
                let wire = arguments.count >= 4 && arguments[2] == "--wire" ? arguments[3] : nil
                do { try Seeds.write(target, to: arguments[1], wire: wire) } catch { fail("\(error)") }
                return
            }
            var checked = 0
            var failed = 0
            for path in files(arguments) {
                guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
                checked += 1
                if let problem = target.check(Array(data)) {
                    failed += 1
                    print("FAIL \(path): \(problem)")
                }
            }
            print("\(target.rawValue): \(checked) inputs, \(failed) failed")
            exit(failed == 0 ? 0 : 1)
        }

        /// The regular files named, and those directly inside the directories named, sorted.
        static func files(_ paths: [String]) -> [String] {
            paths.flatMap { path -> [String] in
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue
                else {
                    return [path]
                }
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                return names.sorted().map { path + "/" + $0 }
            }
        }

        static func fail(_ message: String) -> Never {
            FileHandle.standardError.write(Data((message + "\n").utf8))
            exit(64)
        }
    }
#endif
