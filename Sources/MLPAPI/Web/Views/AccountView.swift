import MLPDomain

/// The account page, with the password change form and a message beside each field that was refused.
struct AccountView {
    let username: String
    /// ISO date of sign-up (`2026-11-26`).
    let memberSince: String
    /// `12.3 MiB of 1.00 GiB`: the pictures against the quota.
    var storage: String?
    var currentPasswordError: String?
    var newPasswordError: String?
    var confirmationError: String?
    /// A problem of the password change not tied to one field (too many attempts, service busy).
    var passwordFormError: String?
    /// The rule the help text states, from the domain.
    var passwordMinLength = Password.minLength
}
