/// A one-time message shown on the page after a redirect ("Image deleted."), carried in a signed cookie.
struct Flash: Sendable, Equatable {
    enum Kind: String, Sendable { case notice, error }

    var kind: Kind
    var message: String

    static func notice(_ message: String) -> Flash { Flash(kind: .notice, message: message) }

    /// `kind.base64url(message).signature`: signed so another site cannot plant a message.
    func cookieValue(signer: MessageSigner) -> String {
        let payload = kind.rawValue + "." + MessageSigner.base64URL(Array(message.utf8))
        return payload + "." + signer.sign(payload, purpose: "flash")
    }

    /// The flash in a cookie value, or nil when it is malformed or its signature is wrong.
    init?(cookieValue: String, signer: MessageSigner) {
        let parts = cookieValue.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let kind = Kind(rawValue: parts[0]) else { return nil }
        let payload = parts[0] + "." + parts[1]
        guard signer.verify(parts[2], of: payload, purpose: "flash"),
              let bytes = MessageSigner.decodeBase64URL(parts[1]),
              let message = String(validating: bytes, as: UTF8.self)
        else { return nil }
        self.init(kind: kind, message: message)
    }

    init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }
}
