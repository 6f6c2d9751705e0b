import MLPDomain

extension MariaDBRepositories {
    /// Images, on this unit of work's connection.
    public var images: any ImageRepository { MariaDBImageRepository(connection: connection) }
    /// Predictions, on this unit of work's connection.
    public var predictions: any PredictionRepository { MariaDBPredictionRepository(connection: connection) }
    /// Models, on this unit of work's connection.
    public var models: any ModelRepository { MariaDBModelRepository(connection: connection) }
    /// Share links, on this unit of work's connection.
    public var shares: any ImageShareRepository { MariaDBImageShareRepository(connection: connection) }
    /// Albums, on this unit of work's connection.
    public var albums: any AlbumRepository { MariaDBAlbumRepository(connection: connection) }
    /// Album links, on this unit of work's connection.
    public var albumShares: any AlbumShareRepository { MariaDBAlbumShareRepository(connection: connection) }

    /// One statement: the session and its user joined to the image and its current predictions.
    public func sessionWithImage(
        tokenHash: [UInt8], imageID: Int64, includeBytes: Bool
    ) throws -> (session: Session, user: User, details: ImageDetails?)? {
        try MariaDBImageRepository(connection: connection).sessionWithDetails(tokenHash: tokenHash, id: imageID, includeBytes: includeBytes)
    }

    /// One statement: the session and its user joined to the bytes of the image or its thumbnail.
    public func sessionWithContent(
        tokenHash: [UInt8], imageID: Int64, variant: ImageVariant
    ) throws -> (session: Session, user: User, content: ImageContent?)? {
        try MariaDBImageRepository(connection: connection).sessionWithContent(tokenHash: tokenHash, id: imageID, variant: variant)
    }
}
