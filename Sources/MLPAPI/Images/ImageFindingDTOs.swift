import MLPDomain

// The answers of the routes that find pictures across the caller's library: labels, similar pictures, duplicates.

/// `GET /api/v1/labels`: what the model found in the caller's pictures.
struct LabelListResponse: Encodable {
    struct Item: Encodable {
        struct Links: Encodable {
            /// The pictures with this label (`label_match=exact`): as many as `images`.
            let images: String
        }

        let label: String
        let images: Int
        let topImages: Int
        let bestScore: Double
        let links: Links

        enum CodingKeys: String, CodingKey {
            case label, images, links
            case topImages = "top_images"
            case bestScore = "best_score"
        }
    }

    /// How often a model's labels agree with the caller's own (``ModelAgreement``).
    struct Agreement: Encodable {
        let model: String
        let modelVersion: String
        let labelled: Int
        let topMatches: Int
        let anyMatches: Int

        enum CodingKeys: String, CodingKey {
            case model, labelled
            case modelVersion = "model_version"
            case topMatches = "top_matches"
            case anyMatches = "any_matches"
        }
    }

    /// One of the caller's own labels: how many pictures have it, and those it is suggested for.
    struct UserLabel: Encodable {
        struct Links: Encodable {
            /// `/api/v1/labels/suggestions?label=…`.
            let suggestions: String
        }

        let label: String
        let images: Int
        let links: Links
    }

    let items: [Item]
    let total: Int
    let agreement: [Agreement]
    let userLabels: [UserLabel]

    enum CodingKeys: String, CodingKey {
        case items, total, agreement
        case userLabels = "user_labels"
    }

    init(_ output: ListLabelsUseCase.Output) {
        items = output.items.map {
            Item(label: $0.label, images: $0.images, topImages: $0.topImages, bestScore: $0.bestScore,
                 links: .init(images: ImagesRoutes.imagesLabelled($0.label)))
        }
        total = output.total
        agreement = output.agreement.map {
            Agreement(model: $0.model, modelVersion: $0.version, labelled: $0.labelled, topMatches: $0.topMatches, anyMatches: $0.anyMatches)
        }
        userLabels = output.userLabels.map {
            UserLabel(label: $0.label, images: $0.images, links: .init(suggestions: ImagesRoutes.labelSuggestions($0.label)))
        }
    }
}

/// `GET /api/v1/images/{id}/similar`: the caller's pictures most like this one, each a list item with its
/// `similarity`.
struct SimilarImagesResponse: Encodable {
    struct Item: Encodable {
        let summary: ImageSummaryResponse
        let similarity: Double

        /// The summary's fields and `similarity` in one object.
        func encode(to encoder: any Encoder) throws {
            try summary.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(similarity, forKey: .similarity)
        }

        enum CodingKeys: String, CodingKey { case similarity }
    }

    let items: [Item]

    init(_ found: [SimilarImage]) {
        items = found.map { Item(summary: ImageSummaryResponse($0.summary), similarity: fourDecimals($0.similarity)) }
    }
}

/// `GET /api/v1/images/duplicates`: the caller's pictures stored more than once, grouped by their bytes.
struct DuplicateGroupsResponse: Encodable {
    struct Group: Encodable {
        let sha256: String
        /// Oldest first: the first is the original, the others its copies.
        let items: [ImageSummaryResponse]
    }

    let groups: [Group]
    let total: Int

    init(_ found: (groups: [[ImageSummary]], total: Int)) {
        groups = found.groups.map { Group(sha256: $0.first?.image.sha256 ?? "", items: $0.map(ImageSummaryResponse.init)) }
        total = found.total
    }
}

/// `POST /api/v1/images/search`: what the model sees in the picture sent, the caller's pictures with the same
/// bytes, and the caller's pictures most like it (as `GET /api/v1/images/{id}/similar` lists them).
struct PictureSearchResponse: Encodable {
    let predictions: [PredictionResponse]
    let samePicture: [ImageSummaryResponse]
    let similar: [SimilarImagesResponse.Item]

    init(_ found: FindByPictureUseCase.Output) {
        let model = found.classification.model
        predictions = found.classification.scores.enumerated().map { PredictionResponse(rank: $0.offset + 1, $0.element, model: model) }
        samePicture = found.sameBytes.map(ImageSummaryResponse.init)
        similar = SimilarImagesResponse(found.similar).items
    }

    enum CodingKeys: String, CodingKey {
        case predictions, similar
        case samePicture = "same_picture"
    }
}

/// `GET /api/v1/images/:id/explanation`: where the model sees a class in the picture (``ImageExplanation``).
struct ImageExplanationResponse: Encodable {
    struct Region: Encodable {
        let x: Double
        let y: Double
        let width: Double
        let height: Double
    }

    struct Links: Encodable {
        let image: String
        let content: String
    }

    let classIndex: Int
    let label: String
    let score: Double
    let model: String
    let modelVersion: String
    let rows: Int
    let columns: Int
    let drops: [[Double]]
    let region: Region
    let links: Links

    enum CodingKeys: String, CodingKey {
        case label, score, model, rows, columns, drops, region, links
        case classIndex = "class_index"
        case modelVersion = "model_version"
    }

    init(_ explanation: ImageExplanation, imageID: Int64) {
        classIndex = explanation.score.classIndex
        label = explanation.score.label
        score = fourDecimals(explanation.score.score)
        model = explanation.model.name
        modelVersion = explanation.model.version
        rows = explanation.rows
        columns = explanation.columns
        // Four decimals: what a probability's change says; the rest is float noise.
        drops = explanation.dropRows.map { $0.map(fourDecimals) }
        let area = explanation.region
        region = Region(x: fourDecimals(area.x), y: fourDecimals(area.y), width: fourDecimals(area.width), height: fourDecimals(area.height))
        links = Links(image: ImagesRoutes.path(imageID), content: ImagesRoutes.path(imageID) + "/content")
    }
}

/// Scores, similarities and drops as answers give them: four decimals (sums of scores carry float noise beyond),
/// and 0 rather than -0.
func fourDecimals(_ value: Double) -> Double {
    let kept = (value * 10_000).rounded() / 10_000
    return kept == 0 ? 0 : kept
}
