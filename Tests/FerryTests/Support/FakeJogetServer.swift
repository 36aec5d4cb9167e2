import Foundation

/// A small HTTP/1.1 server on 127.0.0.1 that answers like Joget's two JSON-API endpoints a
/// migration uses (reference peers.md §3.1), for end-to-end tests of the `joget-sh` script:
///
/// - `POST /jw/web/json/workflow/process/start/<package>:<version>:<process>` answers
///   `{"activityId":"","processId":"<n>_<package>_<process>","recordId":…}` for a definition on
///   its whitelist, and, like Joget, an empty `processId` with HTTP 200 for any other;
/// - `POST /jw/web/json/monitoring/activity/start/<processId>/<activityDefId>` answers
///   `{"activityDefId":…,"processId":…,"result":true}` for a known activity of a started instance
///   and, like Joget, `"result":false` with HTTP 200 otherwise.
///
/// Every call is recorded with its form parameters; `failingCall` makes the Nth call (counted
/// over the server's life) answer HTTP 500. One background thread serves one connection at a
/// time; the state is behind a lock. Call `stop()` when done (the thread keeps the server alive).
final class FakeJogetServer: @unchecked Sendable {
    struct Call: Hashable, CustomStringConvertible {
        var path: String
        var parameters: [String: String]
        var authorization: String?
        /// Answered with HTTP 500 by `failingCall`.
        var failed = false

        var description: String {
            let parameters = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
            return "POST \(path) \(parameters)" + (failed ? " (failed)" : "")
        }
    }

    let port: UInt16
    var baseURL: String { "http://127.0.0.1:\(port)" }

    private let lock = NSLock()
    private var recorded: [Call] = []
    private var whitelist: Set<String>
    private var activities: Set<String>
    private var failing: Int?
    private var started: Set<String> = []
    private var nextInstance = 301
    private var stopped = false
    private let listener: Int32
    private let finished = DispatchSemaphore(value: 0)

    /// `whitelist`: process definition ids (`package:version:process`) that process/start
    /// starts; `activities`: activity definition ids that activity/start accepts.
    init(whitelist: Set<String>, activities: Set<String>) throws {
        self.whitelist = whitelist
        self.activities = activities
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw ServerError.socket("socket", errno) }
        var yes: Int32 = 1
        setsockopt(socketDescriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(socketDescriptor, 16) == 0 else {
            close(socketDescriptor)
            throw ServerError.socket("bind/listen", errno)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) }
        }
        listener = socketDescriptor
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    enum ServerError: Error {
        case socket(String, Int32)
    }

    // MARK: What tests see and set

    var calls: [Call] { lock.withLock { recorded } }

    /// The calls made since `count` calls had been made.
    func calls(after count: Int) -> [Call] { Array(calls.dropFirst(count)) }

    /// Makes the Nth call over the server's life (1-based) answer HTTP 500; `nil`: none.
    func failCall(_ number: Int?) { lock.withLock { failing = number } }

    func setWhitelist(_ ids: Set<String>) { lock.withLock { whitelist = ids } }

    func setActivities(_ ids: Set<String>) { lock.withLock { activities = ids } }

    func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        finished.wait()
        close(listener)
    }

    // MARK: Serving

    private func serve() {
        defer { finished.signal() }
        while !lock.withLock({ stopped }) {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            if let request = readRequest(connection) {
                let (status, body) = answer(request)
                let head = "HTTP/1.1 \(status)\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
                writeAll(connection, Array((head + body).utf8))
            }
            close(connection)
        }
    }

    private struct Request {
        var method: String
        var path: String
        var headers: [String: String]
        var body: [UInt8]
    }

    private func readRequest(_ connection: Int32) -> Request? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headerEnd: Int?
        var contentLength = 0
        var head: [String] = []
        while true {
            if let end = headerEnd, data.count >= end + contentLength { break }
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            data += buffer[0..<count]
            if headerEnd == nil, let range = data.firstRange(of: separator) {
                headerEnd = range.upperBound
                head = String(decoding: data[..<range.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
                for line in head.dropFirst() where line.lowercased().hasPrefix("content-length:") {
                    contentLength = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
        }
        let requestLine = head.first?.split(separator: " ") ?? []
        guard requestLine.count >= 2, let end = headerEnd else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Request(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: Array(data[end..<(end + contentLength)]))
    }

    private func answer(_ request: Request) -> (status: String, body: String) {
        lock.withLock {
            var call = Call(path: Self.decode(request.path), parameters: Self.form(request.body), authorization: request.headers["authorization"])
            defer { recorded.append(call) }
            if failing == recorded.count + 1 {
                call.failed = true
                return ("500 Internal Server Error", #"{"error":"injected failure"}"#)
            }
            guard request.method == "POST" else { return ("405 Method Not Allowed", "{}") }
            let processStart = "/jw/web/json/workflow/process/start/"
            let activityStart = "/jw/web/json/monitoring/activity/start/"
            if request.path.hasPrefix(processStart) {
                let definition = Self.decode(String(request.path.dropFirst(processStart.count)))
                let record = Self.json(call.parameters["recordId"] ?? "")
                guard whitelist.contains(definition) else {
                    return ("200 OK", #"{"activityId":"","processId":"","recordId":\#(record)}"#)
                }
                let parts = definition.split(separator: ":", omittingEmptySubsequences: false)
                let processID = "\(nextInstance)_\(parts.first ?? "")_\(parts.last ?? "")"
                nextInstance += 1
                started.insert(processID)
                return ("200 OK", #"{"activityId":"","processId":"\#(processID)","recordId":\#(record)}"#)
            }
            if request.path.hasPrefix(activityStart) {
                let rest = request.path.dropFirst(activityStart.count).split(separator: "/", omittingEmptySubsequences: false).map { Self.decode(String($0)) }
                guard rest.count == 2 else { return ("404 Not Found", "{}") }
                let result = started.contains(rest[0]) && activities.contains(rest[1])
                return ("200 OK", #"{"activityDefId":\#(Self.json(rest[1])),"processId":\#(Self.json(rest[0])),"result":\#(result)}"#)
            }
            return ("404 Not Found", "{}")
        }
    }

    private func writeAll(_ connection: Int32, _ bytes: [UInt8]) {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return }
            written += count
        }
    }

    // MARK: Encodings

    /// `application/x-www-form-urlencoded`, as a servlet container decodes it.
    static func form(_ body: [UInt8]) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(String(parts[0]).replacingOccurrences(of: "+", with: " "))
            let value = parts.count > 1 ? decode(String(parts[1]).replacingOccurrences(of: "+", with: " ")) : ""
            parameters[name] = value
        }
        return parameters
    }

    static func decode(_ text: String) -> String {
        text.removingPercentEncoding ?? text
    }

    static func json(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])) ?? Data("[\"\"]".utf8)
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }
}
