import HTTP
import MLPDomain

/// Body of `PUT /api/v1/images/:id/label`: what the owner says the picture shows.
struct ImageLabelRequest: StrictDecodable {
    static let fieldNames: Set<String> = ["label"]
    let label: String
}

/// Body of `POST /api/v1/labels`: one label of the owner's own for several pictures.
struct LabelImagesRequest: StrictDecodable {
    static let fieldNames: Set<String> = ["image_ids", "label"]
    let imageIDs: [Int64]
    let label: String

    enum CodingKeys: String, CodingKey {
        case imageIDs = "image_ids"
        case label
    }
}

/// Answer of `POST /api/v1/labels`: which of the ids now have the label, and which are not the caller's pictures.
struct LabelImagesResponse: JSONWritable {
    let label: String
    let labelled: [Int64]
    let notFound: [Int64]

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("label"); json.string(label)
            json.key("labelled"); json.array { json in labelled.forEach { json.int($0) } }
            json.key("not_found"); json.array { json in notFound.forEach { json.int($0) } }
        }
    }
}

/// Answer of `GET /api/v1/images/:id/label-suggestions`: the owner's labels suggested for the picture, best first,
/// each with the labelled pictures behind it, and the picture's own label (`null` when it has none).
struct LabelSuggestionsResponse: Encodable {
    struct Suggestion: Encodable {
        let label: String
        let score: Double
        let pictures: [Picture]

        init(_ suggestion: LabelSuggestion) {
            label = suggestion.label
            score = fourDecimals(suggestion.score)
            pictures = suggestion.pictures.map { Picture(id: $0.imageID, similarity: fourDecimals($0.similarity)) }
        }
    }

    struct Picture: Encodable {
        let id: Int64
        let similarity: Double
    }

    let userLabel: String?
    let suggestions: [Suggestion]

    init(_ suggestions: [LabelSuggestion], userLabel: String?) {
        self.userLabel = userLabel
        self.suggestions = suggestions.map(Suggestion.init)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(userLabel, forKey: .userLabel)
        try container.encode(suggestions, forKey: .suggestions)
    }

    enum CodingKeys: String, CodingKey {
        case userLabel = "user_label"
        case suggestions
    }
}

/// Answer of `GET /api/v1/labels/suggestions?label=`: the caller's pictures without a label of theirs that the label
/// is suggested for, as list items with the suggestion's `score` and `pictures`, best first.
struct LabelCandidatesResponse: Encodable {
    struct Item: Encodable {
        let summary: ImageSummaryResponse
        let suggestion: LabelSuggestionsResponse.Suggestion

        /// The summary's fields, then `score` and `pictures` of the suggestion.
        func encode(to encoder: any Encoder) throws {
            try summary.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(suggestion.score, forKey: .score)
            try container.encode(suggestion.pictures, forKey: .pictures)
        }

        enum CodingKeys: String, CodingKey { case score, pictures }
    }

    let label: String
    let labelled: Int
    let total: Int
    let items: [Item]

    init(_ found: SuggestLabelsUseCase.Candidates) {
        label = found.label
        labelled = found.labelled
        total = found.total
        items = found.items.map { Item(summary: ImageSummaryResponse($0.summary), suggestion: .init($0.suggestion)) }
    }
}

/// Body of `POST /api/v1/images/{id}/rotate`: the turn in degrees clockwise (negative: counter-clockwise).
struct RotateImageRequest: StrictDecodable {
    static let fieldNames: Set<String> = ["degrees"]
    let degrees: Int
}
