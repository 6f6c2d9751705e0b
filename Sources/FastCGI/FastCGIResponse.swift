/// Produces a body while it is being sent: called once with a function that sends one chunk (which returns
/// false when the web server went away); returns false when the body could not be completed.
public typealias FastCGIBodyStream = @Sendable (_ send: ([UInt8]) -> Bool) -> Bool

/// A response in the form a FastCGI responder writes it: a CGI `Status:` line, header lines, a body.
public struct FastCGIResponse: Sendable {
    public var status: Int
    public var reason: String
    public var headers: [(name: String, value: String)]
    /// The body as parts sent one after another. Most answers have one; a large part that is shared with a
    /// cache (a picture's base64 text) is sent from where it is, without being copied into one buffer.
    public var bodyParts: [[UInt8]]
    /// A body produced while it is sent (an account's export), after `bodyParts`; nil for most answers.
    public var stream: FastCGIBodyStream?

    public init(status: Int, reason: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.init(status: status, reason: reason, headers: headers, bodyParts: [body])
    }

    public init(status: Int, reason: String, headers: [(name: String, value: String)], bodyParts: [[UInt8]]) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.bodyParts = bodyParts
    }

    /// The body in one array (its parts joined).
    public var body: [UInt8] {
        bodyParts.count == 1 ? bodyParts[0] : Array(bodyParts.joined())
    }

    /// The bytes sent on the FastCGI stdout stream: status, headers, blank line, body.
    /// Header names and values are stripped of CR and LF so no value can inject a header.
    public func serialized() -> [UInt8] {
        var out = serializedHead()
        for part in bodyParts { out.append(contentsOf: part) }
        return out
    }

    /// Status line, header lines and the blank line that ends them.
    func serializedHead() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 + headers.count * 48)
        func appendLine(_ text: String) {
            out.append(contentsOf: text.utf8.lazy.filter { $0 != 13 && $0 != 10 })
            out.append(13)
            out.append(10)
        }
        appendLine("Status: \(status) \(reason)")
        for header in headers {
            appendLine("\(header.name): \(header.value)")
        }
        out.append(13)
        out.append(10)
        return out
    }
}
