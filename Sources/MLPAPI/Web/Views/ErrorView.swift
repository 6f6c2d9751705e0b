/// The error page's content.
struct ErrorView {
    let heading: String
    let message: String
    let status: Int
}
