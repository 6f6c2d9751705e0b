import CFastCGI
import Foundation
import Synchronization

/// Answers one request; called concurrently from worker threads.
public typealias FastCGIHandler = @Sendable (FastCGIRequest) -> FastCGIResponse

/// A FastCGI responder over libfcgi: a pool of worker threads, each looping on `FCGX_Accept_r`.
///
/// `stop()` shuts the listening socket down, which wakes every worker blocked in accept; requests already
/// accepted run to completion, then `wait()` returns.
public final class FastCGIServer: Sendable {
    public let configuration: FastCGIConfiguration
    private let handler: FastCGIHandler
    private let state = Mutex(State())
    private let finished = DispatchGroup()
    private let busyWorkers = Atomic<Int>(0)
    private let served = Atomic<Int>(0)

    private struct State {
        var listenFD: Int32 = -1
        var stopping = false
        var started = false
    }

    public init(configuration: FastCGIConfiguration, handler: @escaping FastCGIHandler) {
        self.configuration = configuration
        self.handler = handler
    }

    /// Workers currently serving a request.
    public var busyWorkerCount: Int { busyWorkers.load(ordering: .relaxed) }
    /// Requests answered since start.
    public var requestsServed: Int { served.load(ordering: .relaxed) }

    /// Opens the socket and starts the worker threads.
    public func start() throws {
        try state.withLock { state in
            guard !state.started else { throw FastCGIError("server already started") }
            signal(SIGPIPE, SIG_IGN)
            guard FCGX_Init() == 0 else { throw FastCGIError("FCGX_Init failed") }
            let fd = try Self.openSocket(configuration)
            state.listenFD = fd
            state.started = true
        }
        let fd = state.withLock { $0.listenFD }
        for index in 0..<configuration.workers {
            finished.enter()
            let thread = Thread { [self] in
                self.workerLoop(listenFD: fd)
                self.finished.leave()
            }
            thread.name = "fcgi-worker-\(index)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Stops accepting new connections; in-flight requests finish. Safe to call from any thread, repeatedly.
    public func stop() {
        let fd: Int32 = state.withLock { state in
            guard state.started, !state.stopping else { return -1 }
            state.stopping = true
            return state.listenFD
        }
        guard fd >= 0 else { return }
        // shutdown(2) on a listening socket wakes every thread blocked in accept(2) with EINVAL.
        _ = shutdown(fd, Int32(SHUT_RDWR))
    }

    /// Blocks until every worker has finished, then closes the socket (and removes a unix socket file).
    public func wait() {
        finished.wait()
        let fd = state.withLock { state -> Int32 in
            let fd = state.listenFD
            state.listenFD = -1
            return fd
        }
        if fd >= 0 { close(fd) }
        if case .unix(let path) = configuration.address { unlink(path) }
    }

    private var isStopping: Bool { state.withLock { $0.stopping } }

    private static func openSocket(_ configuration: FastCGIConfiguration) throws -> Int32 {
        if case .unix(let path) = configuration.address {
            // A stale socket file from a crashed run would make bind fail.
            unlink(path)
        }
        let fd = FCGX_OpenSocket(configuration.address.libfcgiPath, Int32(configuration.backlog))
        guard fd >= 0 else {
            throw FastCGIError("cannot listen on \(configuration.address)", code: errno)
        }
        if case .unix(let path) = configuration.address {
            _ = chmod(path, mode_t(configuration.socketMode))
        }
        return fd
    }

    private func workerLoop(listenFD: Int32) {
        let request = UnsafeMutablePointer<FCGX_Request>.allocate(capacity: 1)
        defer { request.deallocate() }
        guard FCGX_InitRequest(request, listenFD, 0) == 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while !isStopping {
            guard FCGX_Accept_r(request) >= 0 else { break }
            busyWorkers.add(1, ordering: .relaxed)
            let incoming = Self.readRequest(request, maxBodyBytes: configuration.maxBodyBytes, buffer: &buffer)
            let response = handler(incoming)
            Self.send(response, on: request)
            FCGX_Finish_r(request)
            busyWorkers.subtract(1, ordering: .relaxed)
            served.add(1, ordering: .relaxed)
        }
        FCGX_Free(request, 1)
    }

    private static func readRequest(
        _ request: UnsafeMutablePointer<FCGX_Request>, maxBodyBytes: Int, buffer: inout [UInt8]
    ) -> FastCGIRequest {
        var params: [String: String] = [:]
        params.reserveCapacity(32)
        if var cursor = request.pointee.envp {
            while let entry = cursor.pointee {
                if let (name, value) = splitParam(entry) { params[name] = value }
                cursor += 1
            }
        }
        var incoming = FastCGIRequest(params: params)
        guard let length = incoming.contentLength, length > 0 else { return incoming }
        guard length <= maxBodyBytes else {
            incoming.bodyTooLarge = true
            return incoming
        }
        var body: [UInt8] = []
        body.reserveCapacity(length)
        while body.count < length {
            let want = min(buffer.count, length - body.count)
            let got = buffer.withUnsafeMutableBytes { raw in
                FCGX_GetStr(raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(want), request.pointee.in)
            }
            guard got > 0 else { break }
            body.append(contentsOf: buffer[0..<Int(got)])
        }
        incoming.bodyIncomplete = body.count < length
        incoming.body = body
        return incoming
    }

    private static func splitParam(_ entry: UnsafeMutablePointer<CChar>) -> (String, String)? {
        guard let equals = strchr(entry, 61 /* = */) else { return nil }
        let nameLength = equals - entry
        let name = entry.withMemoryRebound(to: UInt8.self, capacity: nameLength) {
            String(decoding: UnsafeBufferPointer(start: $0, count: nameLength), as: UTF8.self)
        }
        return (name, String(cString: equals + 1))
    }

    /// Writes the answer's records straight to the connection, then marks libfcgi's writers closed so that
    /// `FCGX_Finish_r` adds nothing (it still drains stdin and closes or keeps the connection as usual).
    /// A streamed answer that cannot be completed is cut off: the connection is shut down before END_REQUEST,
    /// so nginx drops the client's connection instead of ending the answer as if it were whole.
    private static func send(_ response: FastCGIResponse, on request: UnsafeMutablePointer<FCGX_Request>) {
        let requestID = UInt16(truncatingIfNeeded: request.pointee.requestId)
        let fd = request.pointee.ipcFd
        if let stream = response.stream {
            if !response.writeStreamed(requestID: requestID, to: fd, stream) { _ = shutdown(fd, Int32(SHUT_RDWR)) }
        } else {
            response.write(requestID: requestID, to: fd)
        }
        for stream in [request.pointee.out, request.pointee.err] {
            stream?.pointee.wasFCloseCalled = 1
            stream?.pointee.isClosed = 1
        }
    }
}
