/// Where the FastCGI responder listens for nginx.
public enum ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// A unix domain socket at a file path (the default: fastest, and file permissions guard it).
    case unix(path: String)
    /// A TCP address such as `127.0.0.1:9000`.
    case tcp(host: String, port: Int)

    /// The string form libfcgi's `FCGX_OpenSocket` takes.
    var libfcgiPath: String {
        switch self {
        case .unix(let path): path
        case .tcp(let host, let port): "\(host):\(port)"
        }
    }

    public var description: String {
        switch self {
        case .unix(let path): "unix:\(path)"
        case .tcp(let host, let port): "tcp:\(host):\(port)"
        }
    }
}
