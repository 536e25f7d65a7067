// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "FieldAgent",
    products: [
        .library(name: "FieldAgentCore", targets: ["FieldAgentCore"]),
        .library(name: "FieldAgentPolicy", targets: ["FieldAgentPolicy"]),
        .library(name: "FieldAgentStore", targets: ["FieldAgentStore"]),
        .library(name: "FieldAgentSync", targets: ["FieldAgentSync"]),
    ],
    targets: [
        // Pure layers: no file or network I/O.
        .target(name: "FieldAgentCore"),
        .target(
            name: "FieldAgentPolicy", dependencies: ["FieldAgentCore"],
            resources: [.embedInCode("Resources/default-policy.json")]
        ),
        // The sync wire protocol, shared by client and server: messages, codecs, reasons, limits.
        .target(name: "FieldAgentProtocol", dependencies: ["FieldAgentCore"]),
        // The pure HTTP/1.1 codec and connection state machine: no sockets, no clock.
        .target(name: "FieldAgentHTTP"),
        // The poll-based socket server over the codec; reaches the OS only through FieldAgentSystem.
        .target(name: "FieldAgentHTTPServer", dependencies: ["FieldAgentHTTP", "FieldAgentSystem"]),
        // The only module that imports Glibc.
        .target(name: "FieldAgentSystem"),
        .target(name: "FieldAgentStore", dependencies: ["FieldAgentCore", "FieldAgentSystem"]),
        .target(
            name: "FieldAgentSync",
            dependencies: ["FieldAgentCore", "FieldAgentProtocol", "FieldAgentStore", "FieldAgentSystem"]
        ),
        .target(
            name: "FieldAgentServer",
            dependencies: [
                "FieldAgentCore", "FieldAgentPolicy", "FieldAgentProtocol", "FieldAgentSystem", "FieldAgentStore",
                "FieldAgentHTTP", "FieldAgentHTTPServer",
            ]
        ),
        // What both command-line tools share: argument parsing, help, exit codes, console, tables.
        .target(
            name: "FieldAgentCommandKit", dependencies: ["FieldAgentCore", "FieldAgentProtocol", "FieldAgentStore"]),
        // The `fieldagent` commands, their views and the demo (with the embedded demo portfolio).
        .target(
            name: "FieldAgentClientCLI",
            dependencies: [
                "FieldAgentCommandKit", "FieldAgentCore", "FieldAgentPolicy", "FieldAgentSync", "FieldAgentServer",
                "FieldAgentSystem",
            ],
            resources: [.embedInCode("Resources/portfolio-small.json")]
        ),
        // The `fieldagent-server` commands.
        .target(
            name: "FieldAgentServerCLI",
            dependencies: ["FieldAgentCommandKit", "FieldAgentCore", "FieldAgentServer", "FieldAgentSystem"]
        ),
        .target(name: "FieldAgentTestSupport", dependencies: ["FieldAgentCore", "FieldAgentSystem"]),
        .executableTarget(name: "fieldagent", dependencies: ["FieldAgentClientCLI"]),
        // The back-office tool and sync server; end-to-end tests spawn it.
        .executableTarget(name: "fieldagent-server", dependencies: ["FieldAgentServerCLI"]),
        // Child process for the store's crash and locking tests.
        .executableTarget(name: "fieldagent-crashprobe", dependencies: ["FieldAgentStore"]),
        // libFuzzer targets for every decoder of untrusted bytes; a plain build replays corpus files
        // (Tests/Fuzz/run-fuzzers.sh builds it with -DFUZZING -sanitize=fuzzer,address).
        .executableTarget(
            name: "fieldagent-fuzz",
            dependencies: [
                "FieldAgentCore", "FieldAgentHTTP", "FieldAgentProtocol", "FieldAgentStore", "FieldAgentSync",
            ]
        ),
        .executableTarget(
            name: "fieldagent-bench",
            dependencies: [
                "FieldAgentCore", "FieldAgentPolicy", "FieldAgentStore", "FieldAgentSync", "FieldAgentServer",
                "FieldAgentSystem", "FieldAgentTestSupport",
            ]
        ),
        .testTarget(name: "FieldAgentCoreTests", dependencies: ["FieldAgentCore", "FieldAgentTestSupport"]),
        .testTarget(name: "FieldAgentPolicyTests", dependencies: ["FieldAgentPolicy", "FieldAgentTestSupport"]),
        .testTarget(
            name: "FieldAgentProtocolTests",
            dependencies: ["FieldAgentProtocol", "FieldAgentCore", "FieldAgentTestSupport"]
        ),
        .testTarget(
            name: "FieldAgentStoreTests",
            dependencies: ["FieldAgentStore", "FieldAgentSystem", "FieldAgentTestSupport"]
        ),
        .testTarget(
            name: "FieldAgentHTTPTests",
            dependencies: ["FieldAgentHTTP", "FieldAgentHTTPServer", "FieldAgentCore", "FieldAgentSystem"]
        ),
        .testTarget(
            name: "FieldAgentSyncTests",
            dependencies: [
                "FieldAgentSync", "FieldAgentProtocol", "FieldAgentServer", "FieldAgentHTTP", "FieldAgentStore",
                "FieldAgentSystem", "FieldAgentTestSupport",
            ]
        ),
        .testTarget(
            name: "FieldAgentServerTests",
            dependencies: ["FieldAgentServer", "FieldAgentProtocol", "FieldAgentTestSupport"]
        ),
        // An app's view: public API of the library products, plus a server in the same process.
        .testTarget(
            name: "FieldAgentEmbeddingTests",
            dependencies: [
                "FieldAgentCore", "FieldAgentPolicy", "FieldAgentStore", "FieldAgentSync", "FieldAgentServer",
                "FieldAgentSystem",
            ]
        ),
        .testTarget(
            name: "FieldAgentEndToEndTests",
            dependencies: [
                "FieldAgentClientCLI", "FieldAgentServerCLI", "FieldAgentCommandKit", "FieldAgentServer",
                "FieldAgentSync", "FieldAgentSystem", "FieldAgentTestSupport",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
