import Foundation
import HTTP
import MLPDomain

/// One prediction as the API shows it.
struct PredictionResponse: JSONWritable {
    let rank: Int
    let label: String
    let classIndex: Int
    let score: Double
    let model: String
    let modelVersion: String

    init(_ prediction: Prediction) {
        rank = prediction.rank
        label = prediction.label
        classIndex = prediction.classIndex
        score = prediction.score
        model = prediction.model.name
        modelVersion = prediction.model.version
    }

    /// A class of a classification that is not stored (a search by picture), `rank` from 1.
    init(rank: Int, _ score: ClassScore, model: ModelDescriptor) {
        self.rank = rank
        label = score.label
        classIndex = score.classIndex
        self.score = score.score
        self.model = model.name
        modelVersion = model.version
    }

    enum CodingKeys: String, CodingKey {
        case rank, label, score, model
        case classIndex = "class_index"
        case modelVersion = "model_version"
    }

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("class_index"); json.int(classIndex)
            json.key("label"); json.string(label)
            json.key("model"); json.string(model)
            json.key("model_version"); json.string(modelVersion)
            json.key("rank"); json.int(rank)
            json.key("score"); json.double(score)
        }
    }
}

/// Addresses of an image and its bytes (`self`, `content`, `thumbnail`).
struct ImageLinks: JSONWritable {
    enum CodingKeys: String, CodingKey {
        case resource = "self"
        case content, thumbnail
    }

    let resource: String
    let content: String
    let thumbnail: String

    init(id: Int64) {
        resource = ImagesRoutes.path(id)
        content = ImagesRoutes.path(id) + "/content"
        thumbnail = ImagesRoutes.path(id) + "/thumbnail"
    }

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("content"); json.string(content)
            json.key("self"); json.string(resource)
            json.key("thumbnail"); json.string(thumbnail)
        }
    }
}

/// An image resource: metadata, current predictions, history count, links; `image_base64` only on GET.
struct ImageResponse: JSONWritable {
    let id: Int64
    let userID: Int64
    let title: String?
    let userLabel: String?
    let contentType: String
    let byteSize: Int
    let width: Int
    let height: Int
    let sha256: String
    let createdAt: Date
    let updatedAt: Date
    let takenAt: String?
    let favourite: Bool
    let predictions: [PredictionResponse]
    let historyCount: Int
    let links: ImageLinks

    init(_ details: ImageDetails) {
        let image = details.image
        id = image.id
        userID = image.userID
        title = image.title
        userLabel = image.userLabel
        contentType = image.contentType
        byteSize = image.byteSize
        width = image.width
        height = image.height
        sha256 = image.sha256
        createdAt = image.createdAt
        updatedAt = image.updatedAt
        takenAt = image.takenAt?.iso8601
        favourite = image.favourite
        predictions = details.predictions.map(PredictionResponse.init)
        historyCount = details.historyCount
        links = ImageLinks(id: image.id)
    }

    enum CodingKeys: String, CodingKey {
        case id, title, width, height, sha256, predictions, links, favourite
        case userID = "user_id"
        case userLabel = "user_label"
        case contentType = "content_type"
        case byteSize = "byte_size"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case takenAt = "taken_at"
        case historyCount = "history_count"
    }

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("byte_size"); json.int(byteSize)
            json.key("content_type"); json.string(contentType)
            json.key("created_at"); json.date(createdAt)
            json.key("favourite"); json.bool(favourite)
            json.key("height"); json.int(height)
            json.key("history_count"); json.int(historyCount)
            json.key("id"); json.int(id)
            json.key("links"); links.write(to: &json)
            json.key("predictions"); json.array { json in predictions.forEach { $0.write(to: &json) } }
            json.key("sha256"); json.string(sha256)
            if let takenAt { json.key("taken_at"); json.string(takenAt) }
            if let title { json.key("title"); json.string(title) }
            json.key("updated_at"); json.date(updatedAt)
            json.key("user_id"); json.int(userID)
            if let userLabel { json.key("user_label"); json.string(userLabel) }
            json.key("width"); json.int(width)
        }
    }

    /// The JSON body in parts; with the picture's bytes it gains `image_base64`. The base64 text is spliced in
    /// rather than passed through JSONEncoder, which would scan every character for escaping (its alphabet
    /// needs none) and took most of the CPU time of `GET /api/v1/images/:id` for a 90 KB answer.
    static func bodyParts(_ details: ImageDetails) -> [[UInt8]] {
        bodyParts(details, base64: base64Text(details))
    }

    /// The answer to `GET /api/v1/images/:id`: the body parts with an `ETag`, or `304 Not Modified` without a
    /// body when `If-None-Match` names that tag. The tag is the FNV-1a (64 bits) of the JSON before the
    /// picture, which holds the picture's SHA-256 and everything else the answer says: a new title, label,
    /// classification or picture gives a new tag. Clients that poll a picture then get 304s instead of its
    /// base64 again. `no-cache`: a client may keep the answer but asks each time.
    static func conditional(_ parts: [[UInt8]], request: Request) -> Response {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in parts.first ?? [] { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        let hex = String(hash, radix: 16)
        let tag = "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
        let headers: HTTPHeaders = ["ETag": tag, "Cache-Control": "private, no-cache"]
        if ImageContentResponse.matches(request.headers.values("If-None-Match"), tag: tag) {
            return Response(status: .notModified, headers: headers)
        }
        var response = Response(contentType: "application/json", bodyParts: parts)
        for (name, value) in headers { response.headers.set(name, value) }
        return response
    }

    /// The picture's bytes as base64 text (what ``EncodedPictureCache`` keeps); nil when they were not read.
    static func base64Text(_ details: ImageDetails) -> [UInt8]? {
        details.bytes.map { bytes in
            var text: [UInt8] = []
            Base64Encoding.append(bytes, to: &text)
            return text
        }
    }

    /// The JSON body with `image_base64` set to already encoded text (from ``EncodedPictureCache``), in three
    /// parts: the members before it, the text itself (sent as it is, not copied), and the closing `"}`.
    /// Without text, the body without the picture, in one part.
    static func bodyParts(_ details: ImageDetails, base64 text: [UInt8]?) -> [[UInt8]] {
        var json = JSONWriter(capacity: 2048)
        ImageResponse(details).write(to: &json)
        var head = json.bytes
        guard let text, head.last == UInt8(ascii: "}") else { return [head] }
        head.removeLast()
        head.append(contentsOf: #","image_base64":""#.utf8)
        return [head, text, Array(#""}"#.utf8)]
    }
}

/// An image in a list: metadata, its best current prediction, links; never the bytes.
struct ImageSummaryResponse: JSONWritable {
    let id: Int64
    let title: String?
    let userLabel: String?
    let contentType: String
    let byteSize: Int
    let width: Int
    let height: Int
    let createdAt: Date
    let takenAt: String?
    let favourite: Bool
    let topPrediction: PredictionResponse?
    let links: ImageLinks

    init(_ summary: ImageSummary) {
        let image = summary.image
        id = image.id
        title = image.title
        userLabel = image.userLabel
        contentType = image.contentType
        byteSize = image.byteSize
        width = image.width
        height = image.height
        createdAt = image.createdAt
        takenAt = image.takenAt?.iso8601
        favourite = image.favourite
        topPrediction = summary.topPrediction.map(PredictionResponse.init)
        links = ImageLinks(id: image.id)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(contentType, forKey: .contentType)
        try container.encode(byteSize, forKey: .byteSize)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(takenAt, forKey: .takenAt)
        try container.encode(favourite, forKey: .favourite)
        try container.encode(topPrediction, forKey: .topPrediction)
        try container.encode(userLabel, forKey: .userLabel)
        try container.encode(links, forKey: .links)
    }

    enum CodingKeys: String, CodingKey {
        case id, title, width, height, links, favourite
        case contentType = "content_type"
        case byteSize = "byte_size"
        case createdAt = "created_at"
        case takenAt = "taken_at"
        case topPrediction = "top_prediction"
        case userLabel = "user_label"
    }

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("byte_size"); json.int(byteSize)
            json.key("content_type"); json.string(contentType)
            json.key("created_at"); json.date(createdAt)
            json.key("favourite"); json.bool(favourite)
            json.key("height"); json.int(height)
            json.key("id"); json.int(id)
            json.key("links"); links.write(to: &json)
            json.key("taken_at"); json.string(takenAt)
            json.key("title"); json.string(title)
            json.key("top_prediction")
            if let topPrediction { topPrediction.write(to: &json) } else { json.null() }
            json.key("user_label"); json.string(userLabel)
            json.key("width"); json.int(width)
        }
    }
}

/// A page of images.
struct ImageListResponse: JSONWritable {
    struct Links: Encodable {
        let next: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(next, forKey: .next)
        }

        enum CodingKeys: String, CodingKey { case next }
    }

    let items: [ImageSummaryResponse]
    let nextCursor: String?
    let links: Links

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
        try container.encode(links, forKey: .links)
    }

    enum CodingKeys: String, CodingKey {
        case items, links
        case nextCursor = "next_cursor"
    }

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("items"); json.array { json in items.forEach { $0.write(to: &json) } }
            json.key("links"); json.object { json in json.key("next"); json.string(links.next) }
            json.key("next_cursor"); json.string(nextCursor)
        }
    }
}

/// Body of `PATCH /api/v1/images/:id`.
struct UpdateImageRequest: StrictDecodable {
    static let fieldNames: Set<String> = ["title"]
    let title: String?
}

/// `GET /api/v1/users/me/storage`: bytes of the caller's pictures and the quota (null: no limit).
struct StorageUsageResponse: JSONWritable {
    let usedBytes: Int
    let quotaBytes: Int?

    init(_ usage: StorageUsage) {
        usedBytes = usage.usedBytes
        quotaBytes = usage.quotaBytes
    }

    enum CodingKeys: String, CodingKey {
        case usedBytes = "used_bytes"
        case quotaBytes = "quota_bytes"
    }

    /// `quota_bytes` is `null` when there is no limit, not left out.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(quotaBytes, forKey: .quotaBytes)
        try container.encode(usedBytes, forKey: .usedBytes)
    }

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("quota_bytes")
            if let quotaBytes { json.int(Int64(quotaBytes)) } else { json.null() }
            json.key("used_bytes"); json.int(Int64(usedBytes))
        }
    }
}

/// One stored prediction with whether it is current and when it was made: the items of
/// `GET /api/v1/images/{id}/predictions` and of an export's picture files.
struct StoredPredictionResponse: JSONWritable {
    let prediction: PredictionResponse
    let current: Bool
    let createdAt: Date

    init(_ prediction: Prediction) {
        self.prediction = PredictionResponse(prediction)
        current = prediction.isCurrent
        createdAt = prediction.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case current
        case createdAt = "created_at"
    }

    /// The prediction's members and these two in one object.
    func encode(to encoder: any Encoder) throws {
        try prediction.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(current, forKey: .current)
        try container.encode(createdAt, forKey: .createdAt)
    }

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("class_index"); json.int(prediction.classIndex)
            json.key("created_at"); json.date(createdAt)
            json.key("current"); json.bool(current)
            json.key("label"); json.string(prediction.label)
            json.key("model"); json.string(prediction.model)
            json.key("model_version"); json.string(prediction.modelVersion)
            json.key("rank"); json.int(prediction.rank)
            json.key("score"); json.double(prediction.score)
        }
    }
}

/// `GET /api/v1/images/{id}/predictions`: every stored prediction of the image, the current set first, then the
/// earlier classifications, newest first; at most ``maxListed``.
struct PredictionHistoryResponse: Encodable {
    /// Predictions listed at most (25 classifications of 20 labels).
    static let maxListed = 500

    let items: [StoredPredictionResponse]

    init(_ predictions: [Prediction]) {
        items = predictions.map(StoredPredictionResponse.init)
    }
}
