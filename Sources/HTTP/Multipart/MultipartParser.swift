/// Cuts a multipart body into parts (RFC 2046 §5.1.1): finds the delimiters, reads each part's header block and
/// applies the limits. The whole body is in memory, so this is a pure function of its bytes.
struct MultipartParser {
    let boundary: MultipartBoundary
    let limits: MultipartLimits

    func parse(_ body: [UInt8]) throws(MultipartError) -> [MultipartPart] {
        guard !body.isEmpty else { throw MultipartError(.malformed, "The multipart body is empty.") }
        let result = body.withUnsafeBufferPointer { buffer in
            Result { () throws(MultipartError) in
                try MultipartScan(body: buffer, dashBoundary: Array("--".utf8) + boundary.bytes, limits: limits).parts()
            }
        }
        return try result.get()
    }
}

/// One pass over a body; lives only while the body's buffer is borrowed.
private struct MultipartScan {
    let body: UnsafeBufferPointer<UInt8>
    /// `--` followed by the boundary.
    let dashBoundary: [UInt8]
    let limits: MultipartLimits

    /// What follows a `--boundary` match.
    private enum LineEnd {
        /// `--boundary--`: the last part ended; the rest is epilogue.
        case close
        /// `--boundary` then optional spaces and a line end; the next part starts at `start`.
        case next(start: Int, crlf: Bool)
        /// The body ends before the line does.
        case truncated
        /// Other text follows, so the match is data (`--boundaryX`).
        case notDelimiter
    }

    func parts() throws(MultipartError) -> [MultipartPart] {
        guard case .next(var cursor, let crlf) = try openingLine() else { return [] }
        // The opening line decides the line ends of every delimiter; part headers accept either.
        let delimiter = DelimiterSearch(needle: (crlf ? [cr, lf] : [lf]) + dashBoundary)
        var parts: [MultipartPart] = []
        while true {
            guard parts.count < limits.maxParts else {
                throw MultipartError(.tooManyParts, "The body has more than \(limits.maxParts) parts.", offset: cursor)
            }
            let number = parts.count + 1
            let (headers, bodyStart) = try readHeaders(from: cursor, part: number)
            guard let disposition = headers["Content-Disposition"].flatMap(ContentDisposition.init(parsing:)) else {
                throw MultipartError(
                    .malformed, "Part \(number) has no Content-Disposition: form-data header with a name.", offset: cursor
                )
            }
            let (bodyEnd, next) = try findEnd(of: number, from: bodyStart, delimiter: delimiter)
            parts.append(MultipartPart(
                name: disposition.name, filename: disposition.filename, contentType: headers["Content-Type"],
                headers: headers, body: Array(UnsafeBufferPointer(rebasing: body[bodyStart..<bodyEnd]))
            ))
            guard case .next(let start, _) = next else { return parts }
            cursor = start
        }
    }

    /// Finds the first delimiter: at offset 0, or at the start of a line of the preamble.
    private func openingLine() throws(MultipartError) -> LineEnd {
        let search = DelimiterSearch(needle: [lf] + dashBoundary)
        var candidate: Int? = matches(dashBoundary, at: 0) ? 0 : nil
        var from = 0
        while true {
            guard let start = candidate ?? search.firstIndex(in: body, from: from, lastStart: body.count).map({ $0 + 1 }) else {
                throw MultipartError(.malformed, "The body does not contain the boundary given in Content-Type.")
            }
            candidate = nil
            switch lineEnd(after: start + dashBoundary.count) {
            case .truncated:
                throw MultipartError(.truncated, "The body ends on its opening boundary.", offset: start)
            case .notDelimiter:
                from = start
            case let end:
                return end
            }
        }
    }

    /// Reads the header block of a part; returns the headers and where the part's body starts.
    private func readHeaders(from start: Int, part number: Int) throws(MultipartError) -> (HTTPHeaders, Int) {
        let limit = body.count - start > limits.maxHeaderBytes ? start + max(0, limits.maxHeaderBytes) : body.count
        var headers = HTTPHeaders()
        var lineStart = start
        while true {
            var lineFeed = lineStart
            while lineFeed < limit, body[lineFeed] != lf { lineFeed += 1 }
            guard lineFeed < limit else {
                if limit == body.count {
                    throw MultipartError(.truncated, "The body ends inside the headers of part \(number).", offset: start)
                }
                throw MultipartError(
                    .headersTooLarge, "The headers of part \(number) are over \(limits.maxHeaderBytes) bytes.", offset: start
                )
            }
            let lineEnd = lineFeed > lineStart && body[lineFeed - 1] == cr ? lineFeed - 1 : lineFeed
            if lineEnd == lineStart { return (headers, lineFeed + 1) }
            guard let (name, value) = headerField(lineStart..<lineEnd) else {
                throw MultipartError(.malformed, "Part \(number) has a malformed header line.", offset: lineStart)
            }
            headers.add(name, value)
            lineStart = lineFeed + 1
        }
    }

    /// Finds where a part's body ends: the next delimiter, within the part size cap.
    private func findEnd(of number: Int, from start: Int, delimiter: DelimiterSearch) throws(MultipartError) -> (Int, LineEnd) {
        let cap = max(0, limits.maxPartBytes)
        let lastStart = body.count - start > cap ? start + cap : body.count
        var from = start
        while let found = delimiter.firstIndex(in: body, from: from, lastStart: lastStart) {
            switch lineEnd(after: found + delimiter.needle.count) {
            case .notDelimiter:
                from = found + 1
            case .truncated:
                throw MultipartError(.truncated, "The body ends on the boundary after part \(number).", offset: found)
            case let next:
                return (found, next)
            }
        }
        if body.count - start > cap {
            throw MultipartError(.partTooLarge, "Part \(number) is over the limit of \(cap) bytes.", offset: start)
        }
        throw MultipartError(.truncated, "The body ends inside part \(number), before its closing boundary.", offset: start)
    }

    private func lineEnd(after index: Int) -> LineEnd {
        guard index < body.count else { return .truncated }
        if body[index] == dash {
            guard index + 1 < body.count else { return .truncated }
            return body[index + 1] == dash ? .close : .notDelimiter
        }
        var cursor = index
        while cursor < body.count, body[cursor] == space || body[cursor] == tab { cursor += 1 }  // transport padding
        guard cursor < body.count else { return .truncated }
        if body[cursor] == lf { return .next(start: cursor + 1, crlf: false) }
        guard body[cursor] == cr else { return .notDelimiter }
        guard cursor + 1 < body.count else { return .truncated }
        return body[cursor + 1] == lf ? .next(start: cursor + 2, crlf: true) : .notDelimiter
    }

    /// `Name: value` with a token name; the value is trimmed.
    private func headerField(_ range: Range<Int>) -> (String, String)? {
        guard let colon = range.first(where: { body[$0] == UInt8(ascii: ":") }), colon > range.lowerBound,
              body[range.lowerBound..<colon].allSatisfy(isTokenCharacter)
        else { return nil }
        var valueStart = colon + 1, valueEnd = range.upperBound
        while valueStart < valueEnd, body[valueStart] == space || body[valueStart] == tab { valueStart += 1 }
        while valueEnd > valueStart, body[valueEnd - 1] == space || body[valueEnd - 1] == tab { valueEnd -= 1 }
        return (text(range.lowerBound..<colon), text(valueStart..<valueEnd))
    }

    /// UTF-8, as browsers send; other bytes are read as ISO-8859-1 so an odd file name never fails the upload.
    private func text(_ range: Range<Int>) -> String {
        let bytes = body[range]
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    private func matches(_ needle: [UInt8], at index: Int) -> Bool {
        guard body.count - index >= needle.count else { return false }
        return needle.indices.allSatisfy { body[index + $0] == needle[$0] }
    }

    private func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        default:
            Self.tokenPunctuation.contains(byte)
        }
    }

    private static let tokenPunctuation: [UInt8] = Array("!#$%&'*+-.^_`|~".utf8)

    private var cr: UInt8 { 13 }
    private var lf: UInt8 { 10 }
    private var dash: UInt8 { UInt8(ascii: "-") }
    private var space: UInt8 { UInt8(ascii: " ") }
    private var tab: UInt8 { UInt8(ascii: "\t") }
}
