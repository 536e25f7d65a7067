// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "FieldAgent",
    products: [
        .library(name: "FieldAgentCore", targets: ["FieldAgentCore"])
    ],
    targets: [
        // Pure layers: no file or network I/O.
        .target(name: "FieldAgentCore"),
        .target(name: "FieldAgentPolicy", dependencies: ["FieldAgentCore"]),
        // The pure HTTP/1.1 codec and connection state machine: no sockets, no clock.
        .target(name: "FieldAgentHTTP"),
        // The poll-based socket server over the codec; reaches the OS only through FieldAgentSystem.
        .target(name: "FieldAgentHTTPServer", dependencies: ["FieldAgentHTTP", "FieldAgentSystem"]),
        // The only module that imports Glibc.
        .target(name: "FieldAgentSystem"),
        .target(name: "FieldAgentStore", dependencies: ["FieldAgentCore", "FieldAgentSystem"]),
        .target(name: "FieldAgentSync", dependencies: ["FieldAgentCore", "FieldAgentStore", "FieldAgentSystem"]),
        .target(
            name: "FieldAgentServer",
            dependencies: [
                "FieldAgentCore", "FieldAgentPolicy", "FieldAgentSystem", "FieldAgentStore", "FieldAgentHTTP",
                "FieldAgentHTTPServer",
            ]
        ),
        .target(
            name: "FieldAgentCLI",
            dependencies: [
                "FieldAgentCore", "FieldAgentPolicy", "FieldAgentStore", "FieldAgentSync", "FieldAgentServer",
                "FieldAgentSystem",
            ]
        ),
        .target(name: "FieldAgentTestSupport", dependencies: ["FieldAgentCore", "FieldAgentSystem"]),
        .executableTarget(name: "fieldagent", dependencies: ["FieldAgentCLI"]),
        // The back-office tool and sync server; end-to-end tests spawn it.
        .executableTarget(name: "fieldagent-server", dependencies: ["FieldAgentCLI"]),
        // Child process for the store's crash and locking tests.
        .executableTarget(name: "fieldagent-crashprobe", dependencies: ["FieldAgentStore"]),
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
            name: "FieldAgentStoreTests",
            dependencies: ["FieldAgentStore", "FieldAgentSystem", "FieldAgentTestSupport"]
        ),
        .testTarget(
            name: "FieldAgentHTTPTests",
            dependencies: ["FieldAgentHTTP", "FieldAgentHTTPServer", "FieldAgentCore", "FieldAgentSystem"]
        ),
        .testTarget(
            name: "FieldAgentSyncTests",
            dependencies: ["FieldAgentSync", "FieldAgentSystem", "FieldAgentTestSupport"]
        ),
        .testTarget(name: "FieldAgentServerTests", dependencies: ["FieldAgentServer", "FieldAgentTestSupport"]),
        .testTarget(
            name: "FieldAgentEndToEndTests",
            dependencies: [
                "FieldAgentCLI", "FieldAgentServer", "FieldAgentSync", "FieldAgentSystem", "FieldAgentTestSupport",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
