import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A transport over `URLSession` (FoundationNetworking on Linux), for the CLI and apps.
///
/// `baseURL` is the server's root, e.g. `http://127.0.0.1:8080`; request targets are appended.
/// One session serves every request of the transport, so a sync reuses its keep-alive connection.
public final class URLSessionTransport: Transport {
    /// The server's root URL.
    public let baseURL: String
    /// Seconds before a request without an answer is given up (and retried by the driver).
    public let timeout: TimeInterval
    private let session: URLSession

    /// A transport to `baseURL`.
    public init(baseURL: String, timeout: TimeInterval = 30) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.timeout = timeout
        session = URLSession(configuration: .ephemeral)
    }

    deinit { session.finishTasksAndInvalidate() }

    public func send(_ request: TransportRequest) async throws(TransportError) -> TransportResponse {
        guard let url = URL(string: baseURL + request.target) else {
            throw TransportError(reason: "the server address is not a valid URL")
        }
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        do {
            let (data, response) = try await session.data(for: urlRequest)
            guard let http = response as? HTTPURLResponse else {
                throw TransportError(reason: "the answer was not HTTP")
            }
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
            }
            return TransportResponse(status: http.statusCode, headers: headers, body: Array(data))
        } catch let error as TransportError {
            throw error
        } catch let error as URLError {
            throw TransportError(reason: URLSessionTransport.reason(error.code))
        } catch {
            throw TransportError(reason: "the request failed")
        }
    }

    static func reason(_ code: URLError.Code) -> String {
        switch code {
        case .cannotConnectToHost: "connection refused"
        case .timedOut: "timed out"
        case .cannotFindHost, .dnsLookupFailed: "unknown host"
        case .networkConnectionLost: "the connection was cut"
        case .notConnectedToInternet: "no network"
        case .secureConnectionFailed: "the secure connection failed"
        default: "network error \(code.rawValue)"
        }
    }
}
