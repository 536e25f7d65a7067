import FieldAgentProtocol

extension SyncSession {
    /// The server's marks from an answer's headers; nil from a server that sends none.
    func readMarks(_ response: TransportResponse) -> ServerMarks? {
        ServerMarks { response.headers[$0.lowercased()] }
    }

    /// Whether the server's answer shows a rewind (protocol.md → Epochs and recovery): another
    /// epoch than the device's cursor belongs to; fewer of this device's acknowledged changes than
    /// it had; or more of this device's changes than the device itself holds (it lost its own).
    ///
    /// Once recovered in this sync, only another epoch counts: the pull from the start is what
    /// brings this device's own changes back.
    mutating func needsRecovery(_ marks: ServerMarks) -> Bool {
        serverMarks = marks
        if let epoch = device.epoch, epoch != marks.epoch { return true }
        if !report.recovered, let highWater = marks.highWater {
            if highWater > ownHighest { return true }
            if device.epoch == marks.epoch, let acknowledged = device.acknowledged, acknowledged > highWater {
                return true
            }
        }
        return false
    }

    /// Asks for the recovery, at most once per sync: a server whose history keeps changing is an error.
    mutating func startRecovery(_ marks: ServerMarks) -> Action {
        serverMarks = marks
        guard !report.recovered else {
            return fail(.invalidResponse("the server's history changed again during this sync; sync again later"))
        }
        report.recovered = true
        phase = .recovering
        return .recover(marks)
    }
}
