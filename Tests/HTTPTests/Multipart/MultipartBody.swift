/// Builds multipart bodies the way browsers lay them out, for tests.
struct MultipartBody {
    var boundary: String
    var lineEnd = "\r\n"
    var preamble = ""
    var epilogue = ""
    var closed = true
    private(set) var parts: [(headers: [String], body: [UInt8])] = []

    init(boundary: String = "----WebKitFormBoundary7MA4YWxkTrZu0gW") {
        self.boundary = boundary
    }

    mutating func field(_ name: String, _ value: String) {
        parts.append((["Content-Disposition: form-data; name=\"\(name)\""], Array(value.utf8)))
    }

    mutating func file(_ name: String, filename: String, contentType: String, _ bytes: [UInt8]) {
        parts.append((
            ["Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"", "Content-Type: \(contentType)"], bytes
        ))
    }

    mutating func raw(headers: [String], _ bytes: [UInt8]) {
        parts.append((headers, bytes))
    }

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    var bytes: [UInt8] {
        var out = Array(preamble.utf8)
        for part in parts {
            out += Array("--\(boundary)\(lineEnd)".utf8)
            for header in part.headers { out += Array("\(header)\(lineEnd)".utf8) }
            out += Array(lineEnd.utf8) + part.body + Array(lineEnd.utf8)
        }
        if closed { out += Array("--\(boundary)--\(lineEnd)\(epilogue)".utf8) }
        return out
    }
}
