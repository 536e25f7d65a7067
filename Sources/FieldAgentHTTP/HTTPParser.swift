/// An HTTP/1.1 request parser as a pure state machine over bytes.
///
/// The connection feeds whatever it read with ``append(_:)`` and then takes
/// ``nextEvent()`` until it returns `nil`; it only performs what the events say. No
/// sockets are involved, so every edge case is tested by feeding bytes, in any split.
///
/// Decisions, so that nothing is guessed:
/// - Bodies are framed by `Content-Length` only. A request with `Transfer-Encoding`
///   (chunked or otherwise) is refused with 411 Length Required; with both
///   `Transfer-Encoding` and `Content-Length` it is refused with 400.
/// - `Content-Length` must appear at most once, even if repeated with an equal value,
///   and must be plain decimal digits; anything else is 400.
/// - Lines end with CRLF. A bare LF, obsolete line folding, a header name with a
///   non-token character (including whitespace before the colon) or a control character
///   in a value are 400. Empty lines before a request line are skipped (RFC 9112 §2.2).
/// - An HTTP/1.1 request needs exactly one `Host` field (400 otherwise).
/// - Limits (``HTTPLimits``): request target → 414, request line plus headers → 431,
///   declared body → 413, decided before any body byte is read and before any
///   `100 Continue` is sent. Versions other than 1.0 and 1.1 → 505.
/// - Requests are handed out one at a time, in order, so pipelined requests are answered
///   in order. After an error, or after a request that does not keep the connection alive,
///   no further events are produced and further input is ignored.
public struct HTTPParser: Sendable {
    /// Where the parser is between requests, so the connection can pick the right deadline.
    public enum Phase: Sendable, Equatable {
        /// No byte of the next request has arrived.
        case idle
        /// Part of a request line or header block has arrived.
        case head
        /// The head is complete and body bytes are still expected.
        case body
        /// An error or a final request was produced; no more events will follow.
        case finished
    }

    private enum State: Sendable {
        case head
        case body(HTTPRequest, length: Int)
        case finished
    }

    /// The limits this parser enforces.
    public let limits: HTTPLimits

    private var buffer: [UInt8] = []
    private var readIndex = 0
    private var scanIndex = 0
    private var requestLineEnd: Int?
    private var state = State.head

    /// A parser at the start of a connection.
    public init(limits: HTTPLimits = .default) {
        self.limits = limits
    }

    /// Where the parser is; see ``Phase``.
    public var phase: Phase {
        switch state {
        case .head: return readIndex == buffer.count ? .idle : .head
        case .body: return .body
        case .finished: return .finished
        }
    }

    /// Bytes received but not yet consumed by an event.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// Adds bytes read from the connection. Input after the final event is dropped.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        if case .finished = state { return }
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Adds bytes read from the connection, straight from the read buffer.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if case .finished = state { return }
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Appends `bytes` and returns every event they complete, in order.
    ///
    /// Convenient for tests; a server takes ``nextEvent()`` one at a time instead, so it
    /// can answer a request before looking at the next one.
    public mutating func receive(_ bytes: some Collection<UInt8>) -> [HTTPParserEvent] {
        append(bytes)
        var events: [HTTPParserEvent] = []
        while let event = nextEvent() { events.append(event) }
        return events
    }

    /// The next event the buffered bytes complete, or `nil` if more input is needed.
    public mutating func nextEvent() -> HTTPParserEvent? {
        switch state {
        case .finished:
            return nil
        case .body(var request, let length):
            guard buffer.count - readIndex >= length else { return nil }
            request.body = Array(buffer[readIndex..<readIndex + length])
            readIndex += length
            return finish(request)
        case .head:
            return parseNextHead()
        }
    }

    private mutating func finish(_ request: HTTPRequest) -> HTTPParserEvent {
        state = request.keepAlive ? .head : .finished
        if case .finished = state {
            buffer = []
            readIndex = 0
        }
        scanIndex = readIndex
        requestLineEnd = nil
        return .request(request)
    }

    private mutating func fail(_ error: HTTPParseError) -> HTTPParserEvent {
        state = .finished
        buffer = []
        readIndex = 0
        scanIndex = 0
        return .error(error)
    }

    private mutating func compact() {
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            scanIndex -= readIndex
            requestLineEnd = requestLineEnd.map { $0 - readIndex }
            readIndex = 0
        } else if readIndex >= 4096 {
            buffer.removeFirst(readIndex)
            scanIndex -= readIndex
            requestLineEnd = requestLineEnd.map { $0 - readIndex }
            readIndex = 0
        }
    }

    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    private mutating func parseNextHead() -> HTTPParserEvent? {
        // Skip empty lines before a request line.
        while requestLineEnd == nil, buffer.count - readIndex >= 2, buffer[readIndex] == HTTPParser.cr,
            buffer[readIndex + 1] == HTTPParser.lf
        {
            readIndex += 2
        }
        if scanIndex < readIndex { scanIndex = readIndex }
        var headEnd: Int?
        var index = scanIndex
        while index < buffer.count {
            if buffer[index] == HTTPParser.lf {
                if index == readIndex || buffer[index - 1] != HTTPParser.cr { return fail(.bareLineFeed) }
                if requestLineEnd == nil { requestLineEnd = index }
                if index - readIndex >= 3 && buffer[index - 2] == HTTPParser.lf {
                    headEnd = index + 1
                    break
                }
            }
            index += 1
        }
        guard let headEnd else {
            scanIndex = buffer.count
            return checkIncompleteHead()
        }
        if headEnd - readIndex > limits.maxHeaderBytes {
            return requestLineEnd.map { $0 - readIndex > limits.maxRequestTargetBytes + 48 } == true
                ? fail(.requestTargetTooLong) : fail(.headersTooLarge)
        }
        let parsed = buffer.withUnsafeBufferPointer { bytes in
            HTTPParser.parseHead(UnsafeBufferPointer(rebasing: bytes[readIndex..<headEnd - 2]), limits: limits)
        }
        readIndex = headEnd
        scanIndex = headEnd
        requestLineEnd = nil
        switch parsed {
        case .failure(let error):
            return fail(error)
        case .success(let head):
            if head.contentLength == 0 { return finish(head.request) }
            state = .body(head.request, length: head.contentLength)
            return head.expectContinue ? .sendContinue : nextEvent()
        }
    }

    private mutating func checkIncompleteHead() -> HTTPParserEvent? {
        let pending = buffer.count - readIndex
        if requestLineEnd == nil && pending > limits.maxRequestTargetBytes + 48 {
            // Still inside the request line: a long target is 414, anything else is malformed.
            let firstSpace = buffer[readIndex...].prefix(32).firstIndex(of: UInt8(ascii: " "))
            return firstSpace == nil ? fail(.malformedRequestLine) : fail(.requestTargetTooLong)
        }
        if pending > limits.maxHeaderBytes { return fail(.headersTooLarge) }
        return nil
    }

    private struct Head {
        var request: HTTPRequest
        var contentLength: Int
        var expectContinue: Bool
    }

    /// Parses request line and header lines; `bytes` ends with the CRLF of the last header line.
    private static func parseHead(_ bytes: UnsafeBufferPointer<UInt8>, limits: HTTPLimits) -> Result<
        Head, HTTPParseError
    > {
        var lines = HTTPLineIterator(bytes: bytes)
        guard let requestLine = lines.next() else { return .failure(.malformedRequestLine) }
        let method: String
        let target: String
        let version: HTTPVersion
        switch parseRequestLine(requestLine, limits: limits) {
        case .failure(let error): return .failure(error)
        case .success(let line): (method, target, version) = line
        }
        var headers = HTTPHeaders()
        var hostCount = 0
        var contentLengthValue: UnsafeBufferPointer<UInt8>?
        var contentLengthCount = 0
        var hasTransferEncoding = false
        var expectValue: String?
        while let line = lines.next() {
            guard let first = line.first else { break }
            if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { return .failure(.obsoleteLineFolding) }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
                return .failure(.malformedHeader)
            }
            let name = UnsafeBufferPointer(rebasing: line[line.startIndex..<colon])
            for byte in name where !HTTPTokenCharacters.isToken(byte) { return .failure(.malformedHeader) }
            var valueStart = colon + 1
            var valueEnd = line.endIndex
            while valueStart < valueEnd, line[valueStart] == UInt8(ascii: " ") || line[valueStart] == UInt8(ascii: "\t")
            {
                valueStart += 1
            }
            while valueEnd > valueStart,
                line[valueEnd - 1] == UInt8(ascii: " ") || line[valueEnd - 1] == UInt8(ascii: "\t")
            {
                valueEnd -= 1
            }
            let value = UnsafeBufferPointer(rebasing: line[valueStart..<valueEnd])
            for byte in value where !HTTPTokenCharacters.isFieldValue(byte) { return .failure(.malformedHeader) }
            if headers.count >= limits.maxHeaderCount { return .failure(.headersTooLarge) }
            let nameString = String(decoding: name, as: UTF8.self)
            let valueString = String(decoding: value, as: UTF8.self)
            headers.add(name: nameString, value: valueString)
            if HTTPHeaders.asciiCaseInsensitiveEqual(name, "content-length".utf8) {
                contentLengthCount += 1
                contentLengthValue = value
            } else if HTTPHeaders.asciiCaseInsensitiveEqual(name, "host".utf8) {
                hostCount += 1
            } else if HTTPHeaders.asciiCaseInsensitiveEqual(name, "transfer-encoding".utf8) {
                hasTransferEncoding = true
            } else if HTTPHeaders.asciiCaseInsensitiveEqual(name, "expect".utf8) {
                expectValue = valueString
            }
        }
        if version == .http11 ? hostCount != 1 : hostCount > 1 { return .failure(.invalidHost) }
        if hasTransferEncoding {
            return .failure(contentLengthCount > 0 ? .conflictingFraming : .lengthRequired)
        }
        var contentLength = 0
        if let digits = contentLengthValue {
            guard contentLengthCount == 1 else { return .failure(.invalidContentLength) }
            switch parseContentLength(digits, limits: limits) {
            case .failure(let error): return .failure(error)
            case .success(let length): contentLength = length
            }
        }
        var expectContinue = false
        if let expectValue, version == .http11 {
            guard HTTPHeaders.asciiCaseInsensitiveEqual(expectValue.utf8, "100-continue".utf8) else {
                return .failure(.unsupportedExpectation)
            }
            expectContinue = contentLength > 0
        }
        let request = HTTPRequest(method: method, target: target, version: version, headers: headers)
        return .success(Head(request: request, contentLength: contentLength, expectContinue: expectContinue))
    }

    /// A `Content-Length` value: digits only, at most the body limit (a longer one is `bodyTooLarge`).
    private static func parseContentLength(_ digits: UnsafeBufferPointer<UInt8>, limits: HTTPLimits) -> Result<
        Int, HTTPParseError
    > {
        guard !digits.isEmpty else { return .failure(.invalidContentLength) }
        var length = 0
        var tooLarge = false
        for digit in digits {
            guard digit >= UInt8(ascii: "0") && digit <= UInt8(ascii: "9") else {
                return .failure(.invalidContentLength)
            }
            if !tooLarge {
                length = length * 10 + Int(digit - UInt8(ascii: "0"))
                if length > limits.maxBodyBytes { tooLarge = true }
            }
        }
        return tooLarge ? .failure(.bodyTooLarge) : .success(length)
    }

    private static func parseRequestLine(_ line: UnsafeBufferPointer<UInt8>, limits: HTTPLimits) -> Result<
        (String, String, HTTPVersion), HTTPParseError
    > {
        guard let firstSpace = line.firstIndex(of: UInt8(ascii: " ")), firstSpace > line.startIndex else {
            return .failure(.malformedRequestLine)
        }
        let method = UnsafeBufferPointer(rebasing: line[line.startIndex..<firstSpace])
        for byte in method where !HTTPTokenCharacters.isToken(byte) { return .failure(.malformedRequestLine) }
        let afterMethod = firstSpace + 1
        guard let secondSpace = line[afterMethod...].firstIndex(of: UInt8(ascii: " ")), secondSpace > afterMethod
        else {
            return line.count - afterMethod > limits.maxRequestTargetBytes
                ? .failure(.requestTargetTooLong) : .failure(.malformedRequestLine)
        }
        let target = UnsafeBufferPointer(rebasing: line[afterMethod..<secondSpace])
        if target.count > limits.maxRequestTargetBytes { return .failure(.requestTargetTooLong) }
        for byte in target where byte <= 0x20 || byte >= 0x7f { return .failure(.malformedRequestLine) }
        let versionBytes = UnsafeBufferPointer(rebasing: line[(secondSpace + 1)...])
        guard versionBytes.count == 8, versionBytes.starts(with: "HTTP/".utf8),
            let major = HTTPTokenCharacters.digit(versionBytes[5]), versionBytes[6] == UInt8(ascii: "."),
            let minor = HTTPTokenCharacters.digit(versionBytes[7])
        else {
            return .failure(.malformedRequestLine)
        }
        let version = HTTPVersion(major: major, minor: minor)
        guard version == .http11 || version == .http10 else { return .failure(.unsupportedVersion) }
        return .success(
            (String(decoding: method, as: UTF8.self), String(decoding: target, as: UTF8.self), version))
    }
}
