/// One picture of an account's export: its metadata, the bytes as uploaded and every prediction stored for it.
public struct ExportedImage: Equatable, Sendable {
    public var image: Image
    public var bytes: [UInt8]
    /// Current and history, the newest classification first (``PredictionRepository/all(imageID:limit:)``).
    public var predictions: [Prediction]
    /// The names of the owner's albums that hold it, by name.
    public var albums: [String]
    /// The names of the owner's albums whose cover the owner chose it to be, by name.
    public var coverOf: [String]

    public init(image: Image, bytes: [UInt8], predictions: [Prediction], albums: [String] = [], coverOf: [String] = []) {
        self.image = image
        self.bytes = bytes
        self.predictions = predictions
        self.albums = albums
        self.coverOf = coverOf
    }
}

/// Hands over every picture of an account, oldest first, one at a time, so an export holds one picture in
/// memory however many the account has. Ids are read `pageSize` (100) at a time; each picture's metadata and
/// bytes come from one statement (consistent with each other), its predictions and its albums from the next two. No transaction
/// stays open while a slow client downloads. A picture deleted while the export runs is left out; one
/// uploaded meanwhile is included when its id is above the last page read.
public struct ExportImagesUseCase: Sendable {
    let unitOfWork: any UnitOfWork
    let pageSize: Int

    public init(unitOfWork: any UnitOfWork, pageSize: Int = 100) {
        self.unitOfWork = unitOfWork
        self.pageSize = max(1, pageSize)
    }

    /// Calls `each` for every active picture of the user (only those in `albumID`, one of the user's albums, when
    /// given), oldest first; returns how many were handed over. Whatever `each` throws stops the export and is
    /// rethrown.
    @discardableResult
    public func execute(userID: Int64, albumID: Int64? = nil, _ each: (ExportedImage) throws -> Void) throws -> Int {
        var afterID: Int64 = 0
        var count = 0
        // The covers the owner chose, read once (an account has at most `AlbumsUseCase.maxAlbums` albums).
        let chosen = try unitOfWork.read { try $0.albums.list(userID: userID, limit: AlbumsUseCase.maxAlbums) }
            .filter(\.coverChosen)
        let coverOf = Dictionary(grouping: chosen.compactMap { album in album.coverImageID.map { ($0, album.album.name) } }, by: \.0)
            .mapValues { $0.map(\.1).sorted() }
        while true {
            let ids = try unitOfWork.read { repositories in
                if let albumID { return try repositories.albums.pictureIDs(albumID: albumID, afterID: afterID, limit: pageSize) }
                return try repositories.images.activeIDs(userID: userID, afterID: afterID, limit: pageSize)
            }
            for id in ids {
                let exported = try unitOfWork.read { repositories -> ExportedImage? in
                    guard let details = try repositories.images.details(id: id, userID: userID, includeBytes: true),
                        let bytes = details.bytes
                    else { return nil }  // deleted since its page was read
                    return ExportedImage(
                        image: details.image, bytes: bytes, predictions: try repositories.predictions.all(imageID: id, limit: nil),
                        albums: try repositories.albums.albums(containing: id, userID: userID).map(\.name),
                        coverOf: coverOf[id] ?? []
                    )
                }
                guard let exported else { continue }
                try each(exported)
                count += 1
            }
            guard ids.count == pageSize, let last = ids.last else { return count }
            afterID = last
        }
    }
}
