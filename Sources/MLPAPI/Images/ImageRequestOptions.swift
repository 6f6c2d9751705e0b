import HTTP
import MLPDomain

/// Values the image routes read from the path, the query and the headers.
enum ImageRequestOptions {
    /// The `:id` of the path: a positive 64-bit integer, else 404 (a malformed id names no resource).
    static func imageID(_ request: Request) throws -> Int64 {
        try request.resourceID(orThrow: .imageNotFound)
    }

    /// `?download=` of the content routes: `true` or `1` to save the file, `false`, `0` or absent to show it;
    /// anything else is a 422.
    static func download(_ request: Request) throws -> Bool {
        switch request.query["download"] {
        case nil, "false", "0": false
        case "true", "1": true
        default: throw DomainError.invalid("download", "Must be true or false.")
        }
    }

    /// `?metadata=` of the picture's content route: `keep` (or absent) sends the file as uploaded, `remove` as a
    /// share link sends it (without Exif, XMP, comments and the like); anything else is a 422.
    static func removesMetadata(_ request: Request) throws -> Bool {
        switch request.query["metadata"] {
        case nil, "keep": false
        case "remove": true
        default: throw DomainError.invalid("metadata", "Must be keep or remove.")
        }
    }

    /// `?model=` and `?top_k=` (1...20, default 5); 422 for a `top_k` that is not an integer.
    static func classification(_ request: Request) throws -> ClassificationRequest {
        var topK = ImageRules.defaultTopK
        if let text = request.query["top_k"] {
            guard let value = Int(text) else { throw DomainError.invalid("top_k", "Must be an integer from 1 to 20.") }
            topK = value
        }
        return ClassificationRequest(model: request.query["model"], topK: topK)
    }

    /// The `Idempotency-Key` header, if sent; more than one is a 422.
    static func idempotencyKey(_ request: Request) throws -> String? {
        let values = request.headers.values("Idempotency-Key")
        guard values.count <= 1 else { throw DomainError.invalid("Idempotency-Key", "Send the header once.") }
        return values.first
    }

    /// `?limit=` (by default 20 in 1...100, checked by the use case); 422 when it is not an integer.
    static func limit(
        _ request: Request, default defaultLimit: Int = ImageRules.defaultLimit, range: ClosedRange<Int> = ImageRules.limitRange
    ) throws -> Int {
        guard let text = request.query["limit"] else { return defaultLimit }
        guard let value = Int(text) else {
            throw DomainError.invalid("limit", "Must be an integer from \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }

    /// `?name=` as an integer, nil when absent; a 422 on `name` saying `expected` when it is not one.
    static func integer(_ request: Request, _ name: String, expected: String) throws -> Int? {
        guard let text = request.query[name] else { return nil }
        guard let value = Int(text) else { throw DomainError.invalid(name, expected) }
        return value
    }

    /// `?agreement=`: `agree`, `disagree` or `unlabelled`; absent or empty is no filter, anything else a 422.
    static func agreement(_ request: Request) throws -> AgreementFilter? {
        guard let text = request.query["agreement"], !text.isEmpty else { return nil }
        guard let filter = AgreementFilter(rawValue: text) else {
            throw DomainError.invalid("agreement", "Must be agree, disagree or unlabelled.")
        }
        return filter
    }

    /// `?favourite=`: `true` (only the owner's favourites) or `false` (only the others); absent or empty: both.
    static func favourite(_ request: Request) throws -> Bool? {
        switch request.query["favourite"] {
        case nil, ""?: return nil
        case "true"?: return true
        case "false"?: return false
        default: throw DomainError.invalid("favourite", "Must be true or false.")
        }
    }

    /// `?max_score=`: a decimal number (above 0, at most 1, checked by the use case); absent or empty: no filter;
    /// anything else (`nan`, `inf`, hexadecimal) is a 422.
    static func maxScore(_ request: Request) throws -> Double? {
        guard let text = request.query["max_score"], !text.isEmpty else { return nil }
        let decimal = text.utf8.allSatisfy { (0x30...0x39).contains($0) || $0 == UInt8(ascii: ".") || "eE+-".utf8.contains($0) }
        guard decimal, let value = Double(text), value.isFinite else {
            throw DomainError.invalid("max_score", "Must be a number above 0 and at most 1.")
        }
        return value
    }

    /// `?sort=`: `uploaded` (the default) or `taken`; anything else is a 422.
    static func order(_ request: Request) throws -> ImageOrder {
        guard let text = request.query["sort"], !text.isEmpty else { return .uploaded }
        guard let order = ImageOrder(rawValue: text) else { throw DomainError.invalid("sort", "Must be uploaded or taken.") }
        return order
    }

    /// `?label_match=`: `contains` (the default) or `exact`; anything else is a 422.
    static func labelMatch(_ request: Request) throws -> LabelFilter.Match {
        guard let text = request.query["label_match"] else { return .contains }
        guard let match = LabelFilter.Match(rawValue: text) else {
            throw DomainError.invalid("label_match", "Must be contains or exact.")
        }
        return match
    }
}
