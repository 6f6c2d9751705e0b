import Foundation
import HTTP
import MLPDomain

/// Body of `POST /api/v1/users`.
struct CreateUserRequest: StrictDecodable {
    static let fieldNames: Set<String> = ["username", "password"]
    let username: String
    let password: String
}

/// Body of `PUT /api/v1/users/me/password`.
struct ChangePasswordRequest: StrictDecodable {
    static let fieldNames: Set<String> = ["current_password", "new_password"]
    let currentPassword: String
    let newPassword: String

    enum CodingKeys: String, CodingKey {
        case currentPassword = "current_password"
        case newPassword = "new_password"
    }
}

/// An account as the API shows it: never the password hash, never the deletion flags.
struct UserResponse: JSONWritable {
    let id: Int64
    let username: String
    let createdAt: Date

    init(_ user: User) {
        id = user.id
        username = user.username.value
        createdAt = user.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, username
        case createdAt = "created_at"
    }

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("created_at"); json.date(createdAt)
            json.key("id"); json.int(id)
            json.key("username"); json.string(username)
        }
    }
}
