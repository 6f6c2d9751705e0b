import Foundation
import HTTP
import MLPDomain

/// Body of `POST /api/v1/albums` and `PATCH /api/v1/albums/:id`.
struct AlbumNameRequest: StrictDecodable {
    static let fieldNames: Set<String> = ["name"]
    let name: String
}

/// Body of `POST /api/v1/albums/:id/images`.
struct AlbumPicturesRequest: StrictDecodable {
    static let fieldNames: Set<String> = ["image_ids"]
    let imageIDs: [Int64]

    enum CodingKeys: String, CodingKey {
        case imageIDs = "image_ids"
    }
}

/// Body of `PUT /api/v1/albums/:id/cover`.
struct AlbumCoverRequest: StrictDecodable {
    static let fieldNames: Set<String> = ["image_id"]
    let imageID: Int64

    enum CodingKeys: String, CodingKey {
        case imageID = "image_id"
    }
}

/// An album as the API shows it: its name, how many pictures it holds, its cover (the picture the owner chose,
/// else the one put in last) and where its pictures are listed.
struct AlbumResponse: Encodable {
    let summary: AlbumSummary

    enum CodingKeys: String, CodingKey {
        case id, name, cover, links
        case coverChosen = "cover_chosen"
        case pictureCount = "picture_count"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    enum CoverKeys: String, CodingKey { case id, thumbnail }
    enum LinkKeys: String, CodingKey {
        case resource = "self"
        case images
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let album = summary.album
        try container.encode(album.id, forKey: .id)
        try container.encode(album.name, forKey: .name)
        try container.encode(summary.pictureCount, forKey: .pictureCount)
        try container.encode(album.createdAt, forKey: .createdAt)
        try container.encode(album.updatedAt, forKey: .updatedAt)
        if let cover = summary.coverImageID {
            var nested = container.nestedContainer(keyedBy: CoverKeys.self, forKey: .cover)
            try nested.encode(cover, forKey: .id)
            try nested.encode(ImagesRoutes.path(cover) + "/thumbnail", forKey: .thumbnail)
        } else {
            try container.encodeNil(forKey: .cover)
        }
        try container.encode(summary.coverChosen, forKey: .coverChosen)
        var links = container.nestedContainer(keyedBy: LinkKeys.self, forKey: .links)
        try links.encode(AlbumsRoutes.path(album.id), forKey: .resource)
        try links.encode(AlbumsRoutes.path(album.id) + "/images", forKey: .images)
    }
}

/// `GET /api/v1/albums`: the caller's albums by name.
struct AlbumListResponse: Encodable {
    let items: [AlbumResponse]
    let maxAlbums = AlbumsUseCase.maxAlbums

    enum CodingKeys: String, CodingKey {
        case items
        case maxAlbums = "max_albums"
    }
}

/// Answer of `POST /api/v1/albums/:id/images`: the ids now in the album, and those that are not the caller's
/// pictures.
struct AlbumPicturesAddedResponse: Encodable {
    let added: [Int64]
    let notFound: [Int64]

    enum CodingKeys: String, CodingKey {
        case added
        case notFound = "not_found"
    }
}
