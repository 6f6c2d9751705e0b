import Foundation
import HTTP
import MLPDomain

/// JSON body of `POST /api/v1/auth/login`.
struct LoginRequest: StrictDecodable {
    static let fieldNames: Set<String> = ["username", "password"]
    let username: String
    let password: String
}

/// The OAuth2-style token answer of a successful login.
struct TokenResponse: Encodable {
    let accessToken: String
    let tokenType = "bearer"
    let expiresAt: Date

    init(_ result: LoginResult) {
        accessToken = result.token
        expiresAt = result.expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresAt = "expires_at"
    }
}
