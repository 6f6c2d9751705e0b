extension FastCGIResponse {
    /// Largest content of one record written here: the protocol allows 65 535 bytes; a multiple of 8 keeps
    /// records aligned without padding.
    static let maxRecordContent = 65_528

    /// The whole answer as FastCGI records for request `requestID`: the stdout stream (the bytes of
    /// ``serialized()``) in records of at most 65 528 bytes, the empty record that ends it, and END_REQUEST
    /// (application status 0, request complete). Written with one `write` rather than libfcgi's 8 KiB
    /// records, a 90 KB answer costs one system call instead of a dozen on each side of the socket.
    public func records(requestID: UInt16) -> [UInt8] {
        var head = serializedHead()
        let total = head.count + body.count
        var out: [UInt8] = []
        out.reserveCapacity(total + (total / Self.maxRecordContent + 1) * 8 + 24)
        var headOffset = 0, bodyOffset = 0
        while headOffset < head.count || bodyOffset < body.count {
            let fromHead = min(head.count - headOffset, Self.maxRecordContent)
            let fromBody = min(body.count - bodyOffset, Self.maxRecordContent - fromHead)
            Self.appendRecordHeader(type: 6, requestID: requestID, contentLength: fromHead + fromBody, to: &out)
            out.append(contentsOf: head[headOffset..<(headOffset + fromHead)])
            out.append(contentsOf: body[bodyOffset..<(bodyOffset + fromBody)])
            headOffset += fromHead
            bodyOffset += fromBody
        }
        head = []
        Self.appendRecordHeader(type: 6, requestID: requestID, contentLength: 0, to: &out)
        Self.appendRecordHeader(type: 3, requestID: requestID, contentLength: 8, to: &out)
        out.append(contentsOf: [0, 0, 0, 0, 0 /* FCGI_REQUEST_COMPLETE */, 0, 0, 0])
        return out
    }

    /// Version 1 record header: type, request id, content length, no padding.
    static func appendRecordHeader(type: UInt8, requestID: UInt16, contentLength: Int, to out: inout [UInt8]) {
        out.append(contentsOf: [
            1, type, UInt8(requestID >> 8), UInt8(requestID & 0xFF),
            UInt8(contentLength >> 8), UInt8(contentLength & 0xFF), 0, 0,
        ])
    }
}
