/// The account page.
struct AccountView {
    let username: String
    /// ISO date of sign-up (`2026-11-26`).
    let memberSince: String
}
