/// A picture's place among others (the owner's gallery, an album), newest first: the pictures beside it, so that
/// a picture's page leads to the next one.
public struct PictureNeighbours: Equatable, Sendable {
    /// The next newer picture (shown before it), nil for the newest.
    public var newer: Int64?
    /// The next older picture, nil for the oldest.
    public var older: Int64?
    /// 1 for the newest; nil where counting would read every row (the whole gallery).
    public var position: Int?
    /// How many pictures there are; nil with `position`.
    public var count: Int?

    public init(newer: Int64?, older: Int64?, position: Int? = nil, count: Int? = nil) {
        self.newer = newer
        self.older = older
        self.position = position
        self.count = count
    }
}
