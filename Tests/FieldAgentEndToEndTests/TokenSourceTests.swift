import Foundation
import Testing

/// `init` takes the token from standard input or a private file; on the command line it warns.
@Suite struct TokenSourceTests {
    @Test("--token - and --token-file keep the secret off the command line; --token VALUE warns")
    func tokenSources() throws {
        let sandbox = try Sandbox()
        try sandbox.importPortfolio()
        let token = try sandbox.addAgent("alice")
        let server = try sandbox.serve()
        defer { server.stop() }
        let offline = "http://127.0.0.1:9"
        let fromStdin = try sandbox.client(
            "a", ["init", "--server", server.url, "--agent", "alice", "--token", "-"], stdin: token + "\n")
        #expect(fromStdin.status == 0 && !fromStdin.stderr.contains("warning"), "\(fromStdin)")
        #expect(try sandbox.client("a", ["sync"]).status == 0)

        let file = sandbox.directory.appending("token")
        try Data((token + "\n").utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        let open = try sandbox.client("b", ["init", "--server", offline, "--agent", "alice", "--token-file", file])
        #expect(open.status != 0 && open.stderr.contains("chmod 600"), "\(open)")
        #expect(!open.stderr.contains(token) && !FileManager.default.fileExists(atPath: sandbox.home("b")))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let fromFile = try sandbox.client(
            "b", ["init", "--server", server.url, "--agent", "alice", "--token-file", file])
        #expect(fromFile.status == 0 && !fromFile.stderr.contains("warning"), "\(fromFile)")
        #expect(try sandbox.client("b", ["sync"]).status == 0)

        let inline = try sandbox.client("c", ["init", "--server", offline, "--agent", "alice", "--token", token])
        #expect(inline.status == 0 && inline.stderr.contains("warning: a token on the command line"), "\(inline)")
        #expect(!inline.stderr.contains(token) && !inline.stdout.contains(token))

        let empty = try sandbox.client("d", ["init", "--server", offline, "--agent", "alice", "--token", "-"])
        #expect(empty.status != 0 && empty.stderr.contains("no token in standard input"), "\(empty)")
        let both = try sandbox.client(
            "d", ["init", "--server", offline, "--agent", "alice", "--token", "-", "--token-file", file], stdin: token)
        #expect(both.status == 2, "\(both)")
    }
}
