import Foundation
import HTTP
import MLPDomain

/// The account page's API keys: `POST /account/keys` makes one and shows its token once (a page of its own,
/// never a redirect, so the token is in no URL, cookie or history entry), `POST /account/keys/:id/revoke` ends one.
extension AccountPages {
    func registerKeys(on router: inout PageRouter) {
        router.post("/account/keys", createKey)
        router.post("/account/keys/:id/revoke") { request in
            guard let session = pages.session(of: request) else { return pages.redirectToLogin(from: request) }
            let message: String
            do {
                try users.apiKeys.revoke(userID: session.user.id, keyID: try request.resourceID(orThrow: .apiKeyNotFound))
                message = "The key has been revoked: programs using it get “401 Unauthorized” from now on."
            } catch let error as DomainError where error.code == .notFound {
                message = "That key had already ended."
            }
            return pages.redirect(to: "/account#keys", flash: .notice(message), request: request)
        }
    }

    /// The new key's page, or the account page with the reason beside the form.
    private func createKey(_ request: Request) throws -> Response {
        guard let session = pages.session(of: request) else { return pages.redirectToLogin(from: request) }
        let form = request.web.form
        do {
            guard let days = Int(form["expires_in_days"] ?? "") else {
                throw DomainError.invalid("expires_in_days", "Choose how long the key should work.")
            }
            let (key, token) = try users.apiKeys.create(
                userID: session.user.id, name: form["name"] ?? "", lifetimeDays: days, readOnly: form["read_only"] == "yes",
                origin: SessionOrigin(userAgent: request.headers["User-Agent"], clientAddress: request.throttlingAddress)
            )
            let images = ShareLink.absolute("/api/v1/images", request: request, publicURL: self.images?.publicURL)
            let view = NewAPIKeyView(key: key, token: token, imagesURL: images)
            return try pages.render("account-key", title: "Your new API key", view: view, request: request, status: .created)
        } catch let error as DomainError where error.code == .validation || error.code == .conflict {
            var view = try accountView(session)
            view.keys.name = form["name"]
            for field in error.fieldErrors {
                if field.field == "name" { view.keys.nameError = field.message } else { view.keys.formError = field.message }
            }
            if error.fieldErrors.isEmpty { view.keys.formError = error.message }
            return try pages.render("account", title: "Your account", view: view, refusedWith: error, request: request)
        }
    }
}

/// The page that shows a new key's token, the one time it is shown.
struct NewAPIKeyView {
    let name: String
    let token: String
    let access: String
    let expires: String
    /// `curl` lines to try the key with, against this server.
    let example: String

    init(key: Session, token: String, imagesURL: String) {
        name = key.key?.name ?? ""
        self.token = token
        access = key.key?.readOnly == true ? "read only: it can list and fetch pictures, not change anything" : "full access to the pictures"
        expires = AccountPages.day(key.expiresAt)
        example = "curl -H 'Authorization: Bearer \(token)' \(imagesURL)"
    }
}
