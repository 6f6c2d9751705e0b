import Foundation

/// A minimal FastCGI client for tests: sends one request over a unix socket and collects the stdout stream.
enum FastCGITestClient {
    struct Failure: Error { let message: String }

    static func request(socketPath: String, params: [String: String], body: [UInt8] = []) throws -> String {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(message: "socket") }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in socketPath.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else { throw Failure(message: "connect: \(errno)") }

        var out: [UInt8] = []
        out += record(type: 1, content: [0, 1, 0, 0, 0, 0, 0, 0])
        var paramBytes: [UInt8] = []
        for (name, value) in params {
            paramBytes += length(name.utf8.count) + length(value.utf8.count) + Array(name.utf8) + Array(value.utf8)
        }
        out += record(type: 4, content: paramBytes) + record(type: 4, content: [])
        var offset = 0
        while offset < body.count {
            let end = min(body.count, offset + 65535)
            out += record(type: 5, content: Array(body[offset..<end]))
            offset = end
        }
        out += record(type: 5, content: [])
        try out.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = send(fd, raw.baseAddress! + sent, raw.count - sent, 0)
                guard n > 0 else { throw Failure(message: "send") }
                sent += n
            }
        }

        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        var stdout: [UInt8] = []
        var index = 0
        var ended = false
        while index + 8 <= received.count {
            let type = received[index + 1]
            let contentLength = Int(received[index + 4]) << 8 | Int(received[index + 5])
            let padding = Int(received[index + 6])
            let start = index + 8
            guard start + contentLength <= received.count else { break }
            guard !ended else { throw Failure(message: "a record (type \(type)) after END_REQUEST") }
            if type == 6 { stdout += received[start..<start + contentLength] }
            if type == 3 { ended = true }
            index = start + contentLength + padding
        }
        guard ended else { throw Failure(message: "no END_REQUEST record") }
        guard index == received.count else { throw Failure(message: "\(received.count - index) stray bytes after the records") }
        return String(decoding: stdout, as: UTF8.self)
    }

    private static func record(type: UInt8, content: [UInt8]) -> [UInt8] {
        [1, type, 0, 1, UInt8(content.count >> 8), UInt8(content.count & 0xff), 0, 0] + content
    }

    private static func length(_ n: Int) -> [UInt8] {
        n < 128 ? [UInt8(n)] : [UInt8(0x80 | (n >> 24)), UInt8((n >> 16) & 0xff), UInt8((n >> 8) & 0xff), UInt8(n & 0xff)]
    }
}
