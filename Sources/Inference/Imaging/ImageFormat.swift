/// Container formats the decoder accepts, identified by magic bytes.
public enum ImageFormat: String, Sendable {
    case jpeg
    case png

    /// The format whose signature starts `bytes`, or nil.
    static func sniff(_ bytes: [UInt8]) -> ImageFormat? {
        if bytes.count >= 3, bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF {
            return .jpeg
        }
        if bytes.starts(with: PNGHeader.signature) {
            return .png
        }
        return nil
    }

    /// The MIME type to serve this format with.
    public var contentType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        }
    }
}
