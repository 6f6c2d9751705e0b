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
}
