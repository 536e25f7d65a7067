import FieldAgentHTTP

/// `HTTPParser`: the bytes after the first arrive in chunks whose size the first byte picks (and,
/// by its low bit, tight or default limits). Every error is a 4xx/5xx status, no request follows an
/// error, and no request exceeds the limits.
enum HTTPCheck {
    static func check(_ bytes: [UInt8]) -> String? {
        guard let selector = bytes.first else { return nil }
        let input = bytes.dropFirst()
        let limits =
            selector & 1 == 0
            ? HTTPLimits(maxHeaderBytes: 512, maxBodyBytes: 1024, maxRequestTargetBytes: 128, maxHeaderCount: 8)
            : HTTPLimits.default
        let chunk = Int(selector >> 1) + 1
        var parser = HTTPParser(limits: limits)
        var events: [HTTPParserEvent] = []
        var offset = input.startIndex
        while offset < input.endIndex {
            let end = min(input.endIndex, offset + chunk)
            events += parser.receive(input[offset..<end])
            offset = end
            if events.contains(where: isError) { break }
        }
        var failed = false
        for event in events {
            switch event {
            case .error(let error):
                if !(400..<600).contains(error.status) { return "error status \(error.status)" }
                failed = true
            case .request(let request):
                if failed { return "a request after an error" }
                if request.body.count > limits.maxBodyBytes { return "a \(request.body.count)-byte body" }
                if request.target.utf8.count > limits.maxRequestTargetBytes { return "an oversize target" }
            case .sendContinue:
                if failed { return "100-continue after an error" }
            }
        }
        return nil
    }

    private static func isError(_ event: HTTPParserEvent) -> Bool {
        if case .error = event { true } else { false }
    }

    static func seeds() -> [(String, [UInt8])] {
        let requests = [
            "GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
            "GET /v1/pull?cursor=3 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer abc\r\nConnection: close\r\n\r\n",
            "POST /v1/push HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello",
            "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.0\r\n\r\n",
            "POST /v1/push HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        ]
        var seeds: [(String, [UInt8])] = []
        for (index, request) in requests.enumerated() {
            seeds.append(("request-\(index)-whole", [255] + Array(request.utf8)))
            seeds.append(("request-\(index)-bytes", [0] + Array(request.utf8)))
        }
        return seeds
    }
}
