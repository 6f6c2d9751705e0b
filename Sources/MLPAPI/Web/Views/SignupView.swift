import MLPDomain

/// The sign-up form with a message beside each field that was refused.
struct SignupView {
    var username = ""
    var usernameError: String?
    var passwordError: String?
    var confirmationError: String?
    /// A problem not tied to one field (too many attempts, service busy).
    var formError: String?
    /// The rule the help text states, from the domain.
    var passwordMinLength = Password.minLength
}
