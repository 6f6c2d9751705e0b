/// The confirmation step before an account is deleted.
struct DeleteAccountView {
    let username: String
    var confirmError: String?
}
