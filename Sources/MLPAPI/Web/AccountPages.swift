import Foundation
import HTTP
import MLPDomain

/// `/account` and the two-step account deletion (`/account/delete`: confirmation page, then the post).
struct AccountPages {
    let pages: WebPages
    let users: UserServices

    func register(on router: inout PageRouter) {
        router.get("/account") { request in
            guard let session = pages.session(of: request) else { return pages.redirectToLogin(from: request) }
            let view = AccountView(username: session.user.username.value, memberSince: Self.day(session.user.createdAt))
            return try pages.render("account", title: "Your account", view: view, request: request)
        }
        router.get("/account/delete") { request in
            guard let session = pages.session(of: request) else { return pages.redirectToLogin(from: request) }
            let view = DeleteAccountView(username: session.user.username.value)
            return try pages.render("account-delete", title: "Delete your account", view: view, request: request)
        }
        router.post("/account/delete") { request in
            guard let session = pages.session(of: request) else { return pages.redirectToLogin(from: request) }
            guard request.web.form["confirm"] == "yes" else {
                var view = DeleteAccountView(username: session.user.username.value)
                view.confirmError = "Tick the box to confirm that the account should be deleted."
                return try pages.render(
                    "account-delete", title: "Delete your account", view: view, request: request, status: .unprocessableContent
                )
            }
            try users.deleteAccount.execute(userID: session.user.id)
            var response = pages.redirect(to: "/", flash: .notice("Your account has been deleted."), request: request)
            response.setCookie(WebCookies.expired(WebCookies.session, request: request))
            return response
        }
    }

    /// `2026-11-26` in UTC.
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
