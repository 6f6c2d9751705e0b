import Foundation
import HTTP
import MLPDomain

/// `/account` with its password change (`POST /account/password`), its list of sessions (`POST
/// /account/sessions/:id/end`, `POST /account/sessions/end-others`), its API keys (AccountPages+Keys.swift), the
/// download of every picture
/// (`/account/export`) and the two-step account deletion (`/account/delete`: confirmation page, then the post).
struct AccountPages {
    let pages: WebPages
    let users: UserServices
    /// For the storage line; nil when the pictures are not served.
    let images: ImageServices?

    func register(on router: inout PageRouter) {
        router.get("/account") { request in
            guard let session = pages.session(of: request) else { return pages.redirectToLogin(from: request) }
            return try pages.render("account", title: "Your account", view: try accountView(session), request: request)
        }
        router.post("/account/password", changePassword)
        registerKeys(on: &router)
        if let images {
            router.get("/account/export") { request in
                guard let session = pages.session(of: request) else { return pages.redirectToLogin(from: request) }
                return try images.export.response(for: session.user)
            }
        }
        router.post("/account/sessions/:id/end") { request in
            guard let session = pages.session(of: request) else { return pages.redirectToLogin(from: request) }
            let message: String
            do {
                try users.revokeSessions.execute(
                    userID: session.user.id, sessionID: try request.resourceID(orThrow: .sessionNotFound),
                    currentSessionID: session.sessionID
                )
                message = "That session has been logged out."
            } catch let error as DomainError where error.code == .notFound {
                // Ended meanwhile (expired, logged out, or a second click): what the user wanted.
                message = "That session had already ended."
            }
            return pages.redirect(to: "/account#sessions", flash: .notice(message), request: request)
        }
        router.post("/account/sessions/end-others") { request in
            guard let session = pages.session(of: request) else { return pages.redirectToLogin(from: request) }
            let count = try users.revokeSessions.executeAllOthers(userID: session.user.id, currentSessionID: session.sessionID)
            let message = switch count {
            case 0: "There was no other session to log out."
            case 1: "1 other session has been logged out."
            default: "\(count) other sessions have been logged out."
            }
            return pages.redirect(to: "/account#sessions", flash: .notice(message), request: request)
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

    /// Changes the password and stays logged in (this session is kept, every other one ends); on a refusal the
    /// account page again with the reason beside each field and the status the API would have answered.
    private func changePassword(_ request: Request) throws -> Response {
        guard let session = pages.session(of: request) else { return pages.redirectToLogin(from: request) }
        let form = request.web.form
        var view = try accountView(session)
        let newPassword = form["new_password"] ?? ""
        do {
            if newPassword != form["new_password_confirmation"] ?? "" {
                throw DomainError.invalid("new_password_confirmation", "The two new passwords differ.")
            }
            try users.changePassword.execute(
                userID: session.user.id, keepingSessionID: session.sessionID, currentPassword: form["current_password"] ?? "",
                newPassword: newPassword, clientAddress: request.throttlingAddress
            )
            return pages.redirect(
                to: "/account", flash: .notice("Your password has been changed. Every other session has been logged out."),
                request: request
            )
        } catch let error as DomainError where error.code == .validation || error.code == .rateLimited || error.code == .unavailable {
            for field in error.fieldErrors {
                switch field.field {
                case "current_password": view.currentPasswordError = field.message
                case "new_password": view.newPasswordError = field.message
                case "new_password_confirmation": view.confirmationError = field.message
                default: view.passwordFormError = field.message
                }
            }
            if error.fieldErrors.isEmpty { view.passwordFormError = error.message }
            return try pages.render("account", title: "Your account", view: view, refusedWith: error, request: request)
        }
    }

    /// The facts of the account page, with how much of the storage quota the pictures take.
    func accountView(_ session: AuthenticatedSession) throws -> AccountView {
        var view = AccountView(username: session.user.username.value, memberSince: Self.day(session.user.createdAt))
        view.canExport = images != nil
        if let images {
            view.shares = AccountView.SharedPictures(
                try images.shares.list(userID: session.user.id), albums: try images.albumShares.list(userID: session.user.id)
            )
        }
        if let usage = try images?.storage.execute(userID: session.user.id) {
            let used = StorageQuota.text(bytes: usage.usedBytes)
            view.storage = usage.quotaBytes.map { "\(used) of \(StorageQuota.text(bytes: $0))" } ?? "\(used) (no limit)"
        }
        let listed = try users.listSessions.execute(userID: session.user.id)
        // This browser first (its last use is only stamped once a minute), then the others by last use.
        let rows = listed.sessions.map { AccountView.SessionRow($0, currentSessionID: session.sessionID) }
        view.sessions = rows.filter(\.isCurrent) + rows.filter { !$0.isCurrent }
        view.hasOtherSessions = listed.total > 1
        let unlisted = listed.total - listed.sessions.count
        if unlisted > 0 { view.moreSessions = "And \(unlisted) more, used less recently." }
        view.keys = AccountView.APIKeys(try users.apiKeys.list(userID: session.user.id))
        return view
    }

    /// The Gregorian calendar in UTC, for the dates the pages show.
    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }()

    /// `2026-11-27 10:42 UTC`.
    static func minute(_ date: Date) -> String {
        let parts = utc.dateComponents([.hour, .minute], from: date)
        return day(date) + String(format: " %02d:%02d UTC", parts.hour ?? 0, parts.minute ?? 0)
    }

    /// `2026-11-26` in UTC.
    static func day(_ date: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
