import FieldAgentCore
import Foundation

/// `fieldagent-bench WORKLOAD [--json]`: prints the figures recorded in BENCHMARKS.md.
let arguments = Array(CommandLine.arguments.dropFirst())
let json = arguments.contains("--json")
let workloads: [String: () -> [(String, Value)]] = [
    "merge": MergeBenchmark.run, "policy": PolicyBenchmark.run, "store": StoreBenchmark.run,
    "store-open": StoreBenchmark.openOnly, "sync": SyncBenchmark.run,
]
guard let name = arguments.first(where: { !$0.hasPrefix("-") }), let run = workloads[name] else {
    FileHandle.standardError.write(
        Data("usage: fieldagent-bench \(workloads.keys.sorted().joined(separator: "|")) [--json]\n".utf8))
    exit(2)
}
var figures = run()
figures.append(("peakRssMiB", .double(PeakMemory.mebibytes())))
if json {
    print(JSON.string(.object(Dictionary(uniqueKeysWithValues: figures))))
} else {
    let width = figures.map(\.0.count).max() ?? 0
    for (key, value) in figures {
        let shown: String
        if case .double(let d) = value { shown = String(format: "%.4f", d) } else { shown = JSON.string(value) }
        print(key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + shown)
    }
}
