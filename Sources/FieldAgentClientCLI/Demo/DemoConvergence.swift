/// Shows with SHA-256 digests that the server and every device agree, and fails loudly if they do not.
struct DemoConvergence {
    var narrator: DemoNarrator

    /// Prints the digest of `shared` on the server and each device, and of alice's two whole states.
    func check(_ devices: DemoDevices, backOffice: DemoBackOffice, shared: String) throws {
        let say = narrator.say
        let serverShared = try backOffice.digest(of: shared)
        var agree = true
        say("   Digest of \(shared) (SHA-256 of its merged state):")
        say("     server        \(serverShared.prefix(16))")
        for (name, home) in devices.all {
            let digest = home.replica.state.digest(of: [shared])
            agree = agree && digest == serverShared
            say("     \(DemoNarrator.device(name))  \(digest.prefix(16))")
        }
        let laptop = devices.laptop.replica.state.digest()
        let phone = devices.phone.replica.state.digest()
        agree = agree && laptop == phone
        say("   alice's two devices, whole state: \(laptop.prefix(16)) and \(phone.prefix(16)).")
        guard agree else { throw DemoError.diverged }
        say("   " + narrator.paint("Converged: every replica holding the same customers has the same digest.", .green))
    }
}
