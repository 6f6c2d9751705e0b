/// The login form: the username is kept after a failure, the password never.
struct LoginView {
    var username = ""
    /// Where to go after logging in (a local path).
    var next: String?
    var error: String?
}
