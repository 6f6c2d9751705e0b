import FastCGI

extension Request {
    /// Builds a request from the parameters and body libfcgi delivered.
    /// Returns nil when the request line cannot be a valid HTTP request (the caller answers 400).
    public init?(fastCGI incoming: FastCGIRequest) {
        let params = incoming.params
        let uri = params["REQUEST_URI"] ?? params["DOCUMENT_URI"] ?? "/"
        let rawPath = uri.splitUTF8(on: UInt8(ascii: "?"), maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? "/"
        guard let segments = Self.decodeSegments(rawPath) else { return nil }
        var headers = HTTPHeaders()
        for (name, value) in params where name.hasPrefix("HTTP_") {
            headers.add(Self.headerName(fromParam: name), value)
        }
        if let type = params["CONTENT_TYPE"], !type.isEmpty { headers.add("Content-Type", type) }
        if let length = params["CONTENT_LENGTH"], !length.isEmpty { headers.add("Content-Length", length) }
        let https = params["HTTPS"].map { !$0.isEmpty && $0.lowercased() != "off" } ?? false
        self.init(
            method: HTTPMethod(rawValue: params["REQUEST_METHOD"] ?? "GET"),
            path: "/" + segments.joined(separator: "/"),
            query: URLEncodedForm(parsing: params["QUERY_STRING"] ?? ""),
            headers: headers,
            body: incoming.body,
            remoteAddress: params["REMOTE_ADDR"] ?? "",
            isSecure: https,
            bodyTooLarge: incoming.bodyTooLarge
        )
        self.pathSegments = segments
        self.serverPort = params["SERVER_PORT"].flatMap { Int($0) }.flatMap { (1...65535).contains($0) ? $0 : nil }
    }

    /// `HTTP_X_REQUEST_ID` → `x-request-id`.
    static func headerName(fromParam name: String) -> String {
        String(name.dropFirst(5).lowercased().map { $0 == "_" ? "-" : $0 })
    }

    /// Splits a raw path on `/` and percent-decodes each segment, so an encoded `%2F` stays inside its segment.
    static func decodeSegments(_ rawPath: String) -> [String]? {
        var segments: [String] = []
        for piece in rawPath.splitUTF8(on: UInt8(ascii: "/")) {
            guard let decoded = PercentDecoding.decode(piece, plusAsSpace: false) else { return nil }
            segments.append(decoded)
        }
        return segments
    }
}
