/// A failure of the FastCGI responder itself (not of a request).
public struct FastCGIError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let code: Int32

    init(_ message: String, code: Int32 = 0) {
        self.message = message
        self.code = code
    }

    public var description: String {
        code == 0 ? message : "\(message) (code \(code))"
    }
}
