#if FUZZING
    import Foundation

    /// The libFuzzer build's entry points. SwiftPM links an executable target's `main` to its own
    /// `@main`, so libFuzzer's `main` is not used: ours hands the command line to libFuzzer's driver
    /// (`LLVMFuzzerRunDriver`), which takes all of libFuzzer's flags. The target comes from the
    /// environment: `FIELDAGENT_FUZZ_TARGET` (json, http, page, changes, store); with
    /// `FIELDAGENT_FUZZ_SEEDS=DIR` (and optionally `FIELDAGENT_FUZZ_WIRE=Fixtures/wire`) the seeds are
    /// written into DIR before fuzzing starts, so DIR can be the corpus.
    enum FuzzEntry {
        /// The target named in the environment; exits with a usage message if none is.
        static let target: FuzzTarget = {
            let name = ProcessInfo.processInfo.environment["FIELDAGENT_FUZZ_TARGET"] ?? ""
            guard let target = FuzzTarget(rawValue: name) else {
                let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
                FileHandle.standardError.write(Data("set FIELDAGENT_FUZZ_TARGET=\(names)\n".utf8))
                exit(64)
            }
            return target
        }()
    }

    /// libFuzzer's driver, from `libclang_rt.fuzzer` (linked by `-sanitize=fuzzer`).
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// The fuzz build's `main`: libFuzzer's driver with the process's arguments.
    @main
    enum FuzzMain {
        static func main() {
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(runFuzzerDriver(&argc, &argv, fuzzerTestOneInput))
        }
    }

    /// libFuzzer's set-up hook: checks the target and writes the seeds.
    @_cdecl("LLVMFuzzerInitialize")
    public func fuzzerInitialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
        let environment = ProcessInfo.processInfo.environment
        let target = FuzzEntry.target
        if let directory = environment["FIELDAGENT_FUZZ_SEEDS"] {
            do {
                try Seeds.write(target, to: directory, wire: environment["FIELDAGENT_FUZZ_WIRE"])
            } catch {
                FileHandle.standardError.write(Data("cannot write seeds to \(directory): \(error)\n".utf8))
                exit(74)
            }
        }
        return 0
    }

    /// libFuzzer's per-input hook: runs the check and aborts (so libFuzzer keeps the input) on a problem.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        if let problem = FuzzEntry.target.check(bytes) {
            FileHandle.standardError.write(Data("fieldagent-fuzz \(FuzzEntry.target.rawValue): \(problem)\n".utf8))
            abort()
        }
        return 0
    }
#endif
