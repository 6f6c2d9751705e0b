/// A failure of a cryptographic library call; the message names the call, never any secret.
public struct SecurityError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
