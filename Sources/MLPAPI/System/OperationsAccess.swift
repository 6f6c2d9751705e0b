/// Who may read the operations endpoints (`/metrics`, `/status`): the loopback addresses, plus address
/// prefixes an operator lists in `MLP_OPS_ALLOW` (for example `10.0.` for a scraper on a private network).
public struct OperationsAccess: Sendable, Equatable {
    /// Extra allowed client-address prefixes; `"*"` allows every client.
    public var allowedPrefixes: [String]

    public init(allowedPrefixes: [String] = []) {
        self.allowedPrefixes = allowedPrefixes
    }

    /// Parses `MLP_OPS_ALLOW`: prefixes separated by commas or spaces.
    public init(environment: [String: String]) {
        let value = environment["MLP_OPS_ALLOW"] ?? ""
        self.init(allowedPrefixes: value.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init))
    }

    /// Whether a client at `address` (the web server's `REMOTE_ADDR`) may read the endpoints.
    public func permits(_ address: String) -> Bool {
        if Self.isLoopback(address) { return true }
        guard !address.isEmpty else { return false }
        return allowedPrefixes.contains { $0 == "*" || address.hasPrefix($0) }
    }

    /// `127.0.0.0/8`, `::1` and IPv4-mapped loopback.
    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }
}
