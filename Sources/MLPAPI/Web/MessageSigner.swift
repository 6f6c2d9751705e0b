import Foundation

/// Computes a MAC: HMAC-SHA256 from OpenSSL, handed in by the composition root.
public typealias MessageAuthenticationCode = @Sendable (_ key: [UInt8], _ message: [UInt8]) -> [UInt8]

/// Signs short values under the server key, each for one purpose, and checks signatures in constant time.
struct MessageSigner: Sendable {
    let key: [UInt8]
    let mac: MessageAuthenticationCode

    /// The signature of `value` for `purpose`, as base64url (43 characters for HMAC-SHA256).
    func sign(_ value: String, purpose: String) -> String {
        Self.base64URL(mac(key, Array("mlp:\(purpose):\(value)".utf8)))
    }

    /// Whether `signature` is the signature of `value` for `purpose`; the comparison takes the same time
    /// wherever the first difference is.
    func verify(_ signature: String, of value: String, purpose: String) -> Bool {
        Self.constantTimeEquals(Array(signature.utf8), Array(sign(value, purpose: purpose).utf8))
    }

    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map(Array.init)
    }
}
