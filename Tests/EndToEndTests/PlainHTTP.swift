import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.0 exchange over a socket of its own: the request as given, the answer read to the end of the
/// connection, no redirect followed, nothing added. The browser stand-in uses it instead of URLSession, whose
/// Linux implementation can crash the test process when a delegate declines a redirect
/// ("Received callback for HTTP redirection, but we're not waiting for it").
enum PlainHTTP {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    struct Answer {
        let status: Int
        /// Repeated fields (`Set-Cookie`) joined with ", ", as URLSession joins them.
        let headers: [String: String]
        let body: Data
    }

    /// Sends `method path` to `baseURL` (`http://` with an IPv4 address or `localhost`, and a port).
    static func exchange(baseURL: String, method: String, path: String, headers: [(String, String)], body: Data?) throws -> Answer {
        guard let url = URL(string: baseURL), url.scheme == "http", let host = url.host, let port = url.port else {
            throw Failure(description: "not an http://host:port base URL: \(baseURL)")
        }
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host, &address.sin_addr) == 1 else {
            throw Failure(description: "not an IPv4 address: \(host)")
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect to \(host):\(port): errno \(errno)") }

        var head = "\(method) \(path) HTTP/1.0\r\nHost: \(host):\(port)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        let request = [UInt8]((head + "\r\n").utf8) + [UInt8](body ?? Data())
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw Failure(description: "send: errno \(errno)") }
            sent += count
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count >= 0 else { throw Failure(description: "recv: errno \(errno)") }
            if count == 0 { break }
            answer += buffer[..<count]
        }
        return try parse(answer)
    }

    private static func parse(_ answer: [UInt8]) throws -> Answer {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0...max(0, answer.count - 4)).first(where: { answer.count >= 4 && Array(answer[$0..<($0 + 4)]) == separator }) else {
            throw Failure(description: "no end of the header in \(answer.count) bytes")
        }
        let lines = String(decoding: answer[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "status line: \(lines[0])") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            let key = headers.keys.first { $0.lowercased() == name.lowercased() } ?? name
            headers[key] = headers[key].map { $0 + ", " + value } ?? value
        }
        return Answer(status: status, headers: headers, body: Data(answer[(end + 4)...]))
    }
}
