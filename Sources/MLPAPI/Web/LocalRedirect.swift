/// Where a page may send the browser after login: only a path on this site, never another host.
enum LocalRedirect {
    /// `next` when it is a plain local path (`/images?page=2`), else `fallback`.
    ///
    /// Refused: absolute URLs, protocol-relative `//host`, backslashes (browsers read `/\host` as `//host`),
    /// control characters and anything over 512 bytes.
    static func target(_ next: String?, fallback: String) -> String {
        guard let next, isLocalPath(next) else { return fallback }
        return next
    }

    static func isLocalPath(_ path: String) -> Bool {
        guard path.hasPrefix("/"), !path.hasPrefix("//"), path.utf8.count <= 512 else { return false }
        return !path.unicodeScalars.contains { $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F || $0 == " " }
    }
}
