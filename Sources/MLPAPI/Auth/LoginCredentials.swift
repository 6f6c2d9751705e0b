import HTTP

/// Username and password from a login request: JSON, or the OAuth2 password-grant form
/// (`application/x-www-form-urlencoded`) that FastAPI-style clients send.
struct LoginCredentials {
    /// Form fields an OAuth2 password-grant client may send; any other field is refused.
    static let formFieldNames: Set<String> = ["username", "password", "grant_type", "scope", "client_id", "client_secret"]

    let username: String
    let password: String

    init(_ request: Request) throws {
        if request.mediaType == "application/x-www-form-urlencoded" {
            try self.init(form: URLEncodedForm(parsing: request.body))
        } else if request.hasJSONBody {
            let body = try request.decodeJSON(LoginRequest.self)
            self.init(username: body.username, password: body.password)
        } else {
            throw HTTPError.unsupportedMediaType(expected: "application/json or application/x-www-form-urlencoded")
        }
    }

    private init(form: URLEncodedForm) throws {
        guard !form.hadInvalidPairs else { throw HTTPError.badRequest("The form body is not valid URL-encoded UTF-8.") }
        var errors = form.names.subtracting(Self.formFieldNames).sorted().map {
            ProblemDetails.FieldError(field: $0, message: "Unknown field.")
        }
        if let grant = form["grant_type"], grant != "password" {
            errors.append(.init(field: "grant_type", message: "Only the password grant is supported."))
        }
        for field in ["username", "password"] where form[field] == nil {
            errors.append(.init(field: field, message: "This field is required."))
        }
        guard errors.isEmpty, let username = form["username"], let password = form["password"] else {
            throw HTTPError.validation(errors)
        }
        self.init(username: username, password: password)
    }

    private init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}
