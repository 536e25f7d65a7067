import FieldAgentCore
import Foundation

/// `fieldagent-bench WORKLOAD [--json]`: prints the figures recorded in BENCHMARKS.md.
let arguments = Array(CommandLine.arguments.dropFirst())
let json = arguments.contains("--json")
let workloads: [String: () -> [(String, Value)]] = [
    "merge": MergeBenchmark.run, "policy": PolicyBenchmark.run, "store": StoreBenchmark.run,
    "store-open": StoreBenchmark.openOnly, "sync": SyncBenchmark.run, "company": CompanyBenchmark.run,
]
guard let name = arguments.first(where: { !$0.hasPrefix("-") }), let run = workloads[name] else {
    FileHandle.standardError.write(
        Data(
            ("usage: fieldagent-bench \(workloads.keys.sorted().joined(separator: "|")) [--json]\n"
                + CompanyOptions.usage + "\n").utf8))
    exit(2)
}
var figures = run()
figures.append(("peakRssMiB", .double(PeakMemory.mebibytes())))
FigureReport.show(figures, json: json)
