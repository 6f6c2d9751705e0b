import Glibc

extension FastCGIResponse {
    /// Largest content of one record written here: the protocol allows 65 535 bytes; a multiple of 8 keeps
    /// records aligned without padding.
    static let maxRecordContent = 65_528

    /// One piece of the written answer: bytes of the record framing, of the head (status and headers) or of
    /// one body part, by range.
    enum Piece: Equatable {
        case framing(Range<Int>)
        case head(Range<Int>)
        case body(part: Int, Range<Int>)
    }

    /// The whole answer as FastCGI records for request `requestID`: the stdout stream (the bytes of
    /// ``serialized()``) in records of at most 65 528 bytes, the empty record that ends it, and END_REQUEST
    /// (application status 0, request complete). The bytes ``write(requestID:to:)`` sends, in one array, for
    /// the tests that take the records apart.
    func records(requestID: UInt16) -> [UInt8] {
        let head = serializedHead()
        let (framing, pieces) = recordPieces(requestID: requestID, headCount: head.count)
        var out: [UInt8] = []
        for piece in pieces {
            switch piece {
            case .framing(let range): out.append(contentsOf: framing[range])
            case .head(let range): out.append(contentsOf: head[range])
            case .body(let part, let range): out.append(contentsOf: bodyParts[part][range])
            }
        }
        return out
    }

    /// Writes the answer's records to `fd` with writev(2), in as few calls as the socket allows: the record
    /// framing is gathered around slices of the head and the body parts, so the body (90 KB for an image
    /// resource) is neither copied nor given fresh pages to fault in. Returns false when the peer went away.
    /// `includingHead: false` leaves out the status and headers (a later piece of a streamed body); `ending:
    /// false` leaves the stream open (no empty stdout record, no END_REQUEST).
    @discardableResult
    public func write(requestID: UInt16, to fd: Int32, includingHead: Bool = true, ending: Bool = true) -> Bool {
        let head = includingHead ? serializedHead() : []
        let (framing, pieces) = recordPieces(requestID: requestID, headCount: head.count, ending: ending)
        return framing.withUnsafeBytes { framing in
            head.withUnsafeBytes { head in
                var partBases: [UnsafeRawPointer?] = []
                partBases.reserveCapacity(bodyParts.count)
                return Self.withBaseAddresses(of: bodyParts[...], collecting: &partBases) { parts in
                    var vectors: [iovec] = pieces.compactMap { piece in
                        let (base, range) = switch piece {
                        case .framing(let range): (framing.baseAddress, range)
                        case .head(let range): (head.baseAddress, range)
                        case .body(let part, let range): (parts[part], range)
                        }
                        guard let base, !range.isEmpty else { return nil }
                        return iovec(iov_base: UnsafeMutableRawPointer(mutating: base + range.lowerBound), iov_len: range.count)
                    }
                    return Self.writeAll(&vectors, to: fd)
                }
            }
        }
    }

    /// Runs `body` with the base address of every array in `arrays`, each valid for the whole call.
    private static func withBaseAddresses<Result>(
        of arrays: ArraySlice<[UInt8]>, collecting bases: inout [UnsafeRawPointer?], _ body: ([UnsafeRawPointer?]) -> Result
    ) -> Result {
        guard let first = arrays.first else { return body(bases) }
        return first.withUnsafeBytes { bytes in
            bases.append(bytes.baseAddress)
            return withBaseAddresses(of: arrays.dropFirst(), collecting: &bases, body)
        }
    }

    /// The 8-byte record headers and END_REQUEST body (`framing`) and the order of all pieces: the head, then
    /// the body parts in order, cut into records of at most ``maxRecordContent`` bytes.
    func recordPieces(requestID: UInt16, headCount: Int, ending: Bool = true) -> (framing: [UInt8], pieces: [Piece]) {
        let total = headCount + bodyParts.reduce(0) { $0 + $1.count }
        let records = total / Self.maxRecordContent + 1
        var framing: [UInt8] = []
        framing.reserveCapacity(records * 8 + 24)
        var pieces: [Piece] = []
        pieces.reserveCapacity(records * 3 + bodyParts.count + 3)
        func header(type: UInt8, contentLength: Int) {
            let start = framing.count
            framing.append(contentsOf: [
                1, type, UInt8(requestID >> 8), UInt8(requestID & 0xFF),
                UInt8(contentLength >> 8), UInt8(contentLength & 0xFF), 0, 0,
            ])
            pieces.append(.framing(start..<framing.count))
        }
        // The stream's sources in order: the head, then each body part.
        var headOffset = 0, part = 0, partOffset = 0, sent = 0
        while sent < total {
            let recordLength = min(total - sent, Self.maxRecordContent)
            header(type: 6, contentLength: recordLength)
            var room = recordLength
            if headOffset < headCount {
                let count = min(headCount - headOffset, room)
                pieces.append(.head(headOffset..<(headOffset + count)))
                headOffset += count
                room -= count
            }
            while room > 0 {
                let count = min(bodyParts[part].count - partOffset, room)
                if count > 0 { pieces.append(.body(part: part, partOffset..<(partOffset + count))) }
                partOffset += count
                room -= count
                if partOffset == bodyParts[part].count { part += 1; partOffset = 0 }
            }
            sent += recordLength
        }
        guard ending else { return (framing, pieces) }
        header(type: 6, contentLength: 0)
        header(type: 3, contentLength: 8)
        let start = framing.count
        framing.append(contentsOf: [0, 0, 0, 0, 0 /* FCGI_REQUEST_COMPLETE */, 0, 0, 0])
        pieces.append(.framing(start..<framing.count))
        return (framing, pieces)
    }

    /// Writes a streamed answer: the head, then each chunk `stream` hands over as it is produced, then the end of
    /// the stream. Returns false when the web server went away or `stream` could not finish; the answer is then
    /// incomplete and the caller must not let it pass for a whole one.
    public func writeStreamed(requestID: UInt16, to fd: Int32, _ stream: FastCGIBodyStream) -> Bool {
        guard write(requestID: requestID, to: fd, ending: false) else { return false }
        /// Stdout records of `parts` without a head, and with `ending` the end of the stream.
        func body(_ parts: [[UInt8]], ending: Bool) -> Bool {
            FastCGIResponse(status: status, reason: reason, headers: [], bodyParts: parts)
                .write(requestID: requestID, to: fd, includingHead: false, ending: ending)
        }
        guard stream({ chunk in chunk.isEmpty || body([chunk], ending: false) }) else { return false }
        return body([], ending: true)
    }

    /// Vectors one writev(2) accepts (IOV_MAX; 1 024 on Linux).
    static let maxVectors = max(16, sysconf(Int32(_SC_IOV_MAX)))

    /// writev(2) until every vector is written, at most IOV_MAX vectors per call, resuming after short writes.
    static func writeAll(_ vectors: inout [iovec], to fd: Int32) -> Bool {
        var index = 0
        while index < vectors.count {
            let count = min(vectors.count - index, maxVectors)
            let written = vectors.withUnsafeBufferPointer { writev(fd, $0.baseAddress! + index, Int32(count)) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }  // the web server went away (EPIPE, reset)
            advance(&vectors, from: &index, by: written)
        }
        return true
    }

    /// Skips `written` bytes of `vectors` from `index`: whole vectors move `index` on, a partly written one
    /// is shortened to its unwritten rest (a short write, for instance after a signal).
    static func advance(_ vectors: inout [iovec], from index: inout Int, by written: Int) {
        var remaining = written
        while remaining > 0 && index < vectors.count {
            if remaining >= vectors[index].iov_len {
                remaining -= vectors[index].iov_len
                index += 1
            } else {
                vectors[index].iov_base += remaining
                vectors[index].iov_len -= remaining
                remaining = 0
            }
        }
    }
}
