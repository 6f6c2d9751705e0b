import HTTP

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
