import Foundation
import Synchronization
import Testing
@testable import FastCGI

@Suite("FastCGI server over a real socket")
struct FastCGIServerTests {
    private func socketPath() -> String {
        NSTemporaryDirectory() + "mlp-fcgi-\(UInt32.random(in: 0...UInt32.max)).sock"
    }

    @Test("a request reaches the handler with params and body, and the response comes back")
    func roundTrip() throws {
        let path = socketPath()
        let server = FastCGIServer(configuration: FastCGIConfiguration(address: .unix(path: path), workers: 2)) { request in
            let text = "\(request.params["REQUEST_METHOD"] ?? "?") \(request.params["HTTP_X_TEST"] ?? "?") \(request.body.count)"
            return FastCGIResponse(status: 201, reason: "Created", headers: [("Content-Type", "text/plain")], body: Array(text.utf8))
        }
        try server.start()
        defer { server.stop(); server.wait() }
        let body = [UInt8](repeating: 7, count: 200_000)
        let reply = try FastCGITestClient.request(
            socketPath: path,
            params: ["REQUEST_METHOD": "POST", "HTTP_X_TEST": "yes", "CONTENT_LENGTH": "\(body.count)"],
            body: body
        )
        #expect(reply.hasPrefix("Status: 201 Created\r\nContent-Type: text/plain\r\n\r\n"))
        #expect(reply.hasSuffix("POST yes 200000"))
    }

    @Test("a large answer arrives whole, in records of at most 65 535 bytes, with one END_REQUEST at the end")
    func largeAnswer() throws {
        let path = socketPath()
        let payload = (0..<300_001).map { UInt8(65 + $0 % 26) }
        let server = FastCGIServer(configuration: FastCGIConfiguration(address: .unix(path: path), workers: 1)) { _ in
            FastCGIResponse(status: 200, reason: "OK", headers: [("Content-Type", "application/octet-stream")], body: payload)
        }
        try server.start()
        defer { server.stop(); server.wait() }
        for _ in 0..<3 {
            let reply = try FastCGITestClient.request(socketPath: path, params: ["REQUEST_METHOD": "GET"])
            let head = "Status: 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n"
            #expect(reply == head + String(decoding: payload, as: UTF8.self))
        }
        let records = FastCGIResponse(status: 200, reason: "OK", headers: [], body: payload).records(requestID: 7)
        var index = 0, types: [UInt8] = [], stdout: [UInt8] = []
        while index + 8 <= records.count {
            let length = Int(records[index + 4]) << 8 | Int(records[index + 5])
            #expect(records[index] == 1 && records[index + 2] == 0 && records[index + 3] == 7)
            types.append(records[index + 1])
            if records[index + 1] == 6 { stdout += records[(index + 8)..<(index + 8 + length)] }
            index += 8 + length + Int(records[index + 6])
        }
        #expect(index == records.count)
        #expect(types == [6, 6, 6, 6, 6, 6, 3])
        #expect(stdout == Array("Status: 200 OK\r\n\r\n".utf8) + payload)
    }

    @Test("a streamed body arrives whole after the head, chunk by chunk, then one END_REQUEST")
    func streamedBody() throws {
        let path = socketPath()
        let chunks: [[UInt8]] = [Array("first ".utf8), [], (0..<150_000).map { UInt8(65 + $0 % 26) }, Array(" last".utf8)]
        let server = FastCGIServer(configuration: FastCGIConfiguration(address: .unix(path: path), workers: 1)) { _ in
            var response = FastCGIResponse(status: 200, reason: "OK", headers: [("Content-Type", "application/x-tar")], body: [])
            response.stream = { send in chunks.allSatisfy { send($0) } }
            return response
        }
        try server.start()
        defer { server.stop(); server.wait() }
        for _ in 0..<2 {  // the connection and worker are fine for the next request
            let reply = try FastCGITestClient.request(socketPath: path, params: ["REQUEST_METHOD": "GET"])
            #expect(reply == "Status: 200 OK\r\nContent-Type: application/x-tar\r\n\r\n" + String(decoding: chunks.joined(), as: UTF8.self))
        }
    }

    @Test("a streamed body that cannot be finished is cut off without END_REQUEST, so it cannot pass for a whole one")
    func streamedBodyCutOff() throws {
        let path = socketPath()
        let server = FastCGIServer(configuration: FastCGIConfiguration(address: .unix(path: path), workers: 1)) { request in
            var response = FastCGIResponse(status: 200, reason: "OK", headers: [], body: [])
            let fails = request.params["HTTP_X_FAIL"] == "yes"
            response.stream = { send in
                guard send(Array("part of it".utf8)) else { return false }
                return !fails
            }
            return response
        }
        try server.start()
        defer { server.stop(); server.wait() }
        #expect(throws: FastCGITestClient.Failure.self) {
            try FastCGITestClient.request(socketPath: path, params: ["REQUEST_METHOD": "GET", "HTTP_X_FAIL": "yes"])
        }
        let whole = try FastCGITestClient.request(socketPath: path, params: ["REQUEST_METHOD": "GET"])
        #expect(whole == "Status: 200 OK\r\n\r\npart of it", "the worker serves the next request")
    }

    @Test("a body in parts goes out as the same records as the joined body, whatever the part boundaries")
    func bodyInParts() throws {
        let path = socketPath()
        // Parts around and across the 65 528-byte record boundary, with empty ones between and at the ends.
        let parts: [[UInt8]] = [[], Array("{\"x\":\"".utf8), (0..<65_530).map { UInt8(65 + $0 % 26) }, [], [UInt8](repeating: 66, count: 70_000), Array("\"}".utf8), []]
        let joined = Array(parts.joined())
        let server = FastCGIServer(configuration: FastCGIConfiguration(address: .unix(path: path), workers: 1)) { _ in
            FastCGIResponse(status: 200, reason: "OK", headers: [("Content-Type", "application/json")], bodyParts: parts)
        }
        try server.start()
        defer { server.stop(); server.wait() }
        let reply = try FastCGITestClient.request(socketPath: path, params: ["REQUEST_METHOD": "GET"])
        #expect(reply == "Status: 200 OK\r\nContent-Type: application/json\r\n\r\n" + String(decoding: joined, as: UTF8.self))
        for cut in [0, 1, 8, 65_500, 65_537, joined.count] {
            let split = FastCGIResponse(status: 200, reason: "OK", headers: [], bodyParts: [Array(joined[..<cut]), Array(joined[cut...])])
            let whole = FastCGIResponse(status: 200, reason: "OK", headers: [], body: joined)
            #expect(split.records(requestID: 3) == whole.records(requestID: 3), "cut at \(cut)")
            #expect(split.serialized() == whole.serialized())
        }
    }

    @Test("gathered writes resume after short writes and split more vectors than one writev takes")
    func gatheredWrites() throws {
        var fds: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
        var small: Int32 = 4_096
        setsockopt(fds[0], SOL_SOCKET, SO_SNDBUF, &small, socklen_t(MemoryLayout<Int32>.size))
        // 3 000 pieces of 1 to 97 bytes: about 147 KB, far more than the socket buffer and than IOV_MAX vectors.
        let lengths = (0..<3_000).map { 1 + $0 % 97 }
        let bytes = (0..<lengths.reduce(0, +)).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 251) }
        let received = Mutex<[UInt8]>([])
        let done = DispatchSemaphore(value: 0)
        Thread { [fd = fds[1]] in
            // A slow reader, so the writer meets a full socket buffer and short writes.
            var buffer = [UInt8](repeating: 0, count: 1_000)
            while true {
                let count = read(fd, &buffer, buffer.count)
                if count <= 0 { break }
                received.withLock { $0 += buffer[0..<count] }
                usleep(50)
            }
            done.signal()
        }.start()
        let written = bytes.withUnsafeBytes { raw in
            var offset = 0
            var vectors: [iovec] = lengths.map { length in
                defer { offset += length }
                return iovec(iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress! + offset), iov_len: length)
            }
            return FastCGIResponse.writeAll(&vectors, to: fds[0])
        }
        close(fds[0])
        done.wait()
        close(fds[1])
        #expect(written)
        #expect(received.withLock { $0 } == bytes)
        #expect(FastCGIResponse.maxVectors < lengths.count)
    }

    @Test("after a short write the rest of the partly written vector is sent next, then the following ones")
    func shortWriteResumes() {
        let bytes = Array("abcdefghij".utf8)
        bytes.withUnsafeBytes { raw in
            let base = UnsafeMutableRawPointer(mutating: raw.baseAddress!)
            // Vectors "abc", "defg", "hij"; written in steps of 2, 3, 4 and 1 bytes.
            var vectors = [iovec(iov_base: base, iov_len: 3), iovec(iov_base: base + 3, iov_len: 4), iovec(iov_base: base + 7, iov_len: 3)]
            var index = 0
            var unsent: [String] = []
            for step in [2, 3, 4, 1] {
                FastCGIResponse.advance(&vectors, from: &index, by: step)
                unsent.append(vectors[index...].map { vector in
                    String(decoding: UnsafeRawBufferPointer(start: vector.iov_base, count: vector.iov_len), as: UTF8.self)
                }.joined(separator: "|"))
            }
            #expect(unsent == ["c|defg|hij", "fg|hij", "j", ""])
            #expect(index == 3)
        }
    }

    @Test("a body over the cap is not read and the handler is told")
    func bodyCap() throws {
        let path = socketPath()
        let config = FastCGIConfiguration(address: .unix(path: path), workers: 1, maxBodyBytes: 1000)
        let server = FastCGIServer(configuration: config) { request in
            FastCGIResponse(status: request.bodyTooLarge ? 413 : 200, reason: "X", headers: [], body: Array("\(request.body.count)".utf8))
        }
        try server.start()
        defer { server.stop(); server.wait() }
        let reply = try FastCGITestClient.request(
            socketPath: path, params: ["CONTENT_LENGTH": "5000"], body: [UInt8](repeating: 1, count: 5000)
        )
        #expect(reply.hasPrefix("Status: 413"))
        #expect(reply.hasSuffix("\r\n\r\n0"))
    }

    @Test("stop lets in-flight requests finish, then wait returns and the socket file is gone")
    func gracefulStop() throws {
        let path = socketPath()
        let started = Atomic<Int>(0)
        let server = FastCGIServer(configuration: FastCGIConfiguration(address: .unix(path: path), workers: 4)) { _ in
            started.add(1, ordering: .relaxed)
            Thread.sleep(forTimeInterval: 0.5)
            return FastCGIResponse(status: 200, reason: "OK", headers: [], body: Array("done".utf8))
        }
        try server.start()
        let results = Mutex<[String]>([])
        let group = DispatchGroup()
        for _ in 0..<3 {
            group.enter()
            Thread.detachNewThread {
                let reply = (try? FastCGITestClient.request(socketPath: path, params: ["REQUEST_METHOD": "GET"])) ?? "failed"
                results.withLock { $0.append(reply) }
                group.leave()
            }
        }
        while started.load(ordering: .relaxed) < 3 { Thread.sleep(forTimeInterval: 0.01) }
        server.stop()
        server.wait()
        #expect(group.wait(timeout: .now() + 5) == .success)
        let replies = results.withLock { $0 }
        #expect(replies.count == 3)
        #expect(replies.allSatisfy { $0.hasPrefix("Status: 200") && $0.hasSuffix("done") })
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(throws: (any Error).self) { try FastCGITestClient.request(socketPath: path, params: [:]) }
    }

    @Test("response serialization strips CR and LF from header values")
    func headerInjection() {
        let response = FastCGIResponse(status: 200, reason: "OK", headers: [("X-A", "a\r\nSet-Cookie: evil=1")], body: [])
        let text = String(decoding: response.serialized(), as: UTF8.self)
        #expect(text == "Status: 200 OK\r\nX-A: aSet-Cookie: evil=1\r\n\r\n")
    }
}
