/// One label of the label overview: how many of a user's pictures the model gave it.
public struct LabelCount: Equatable, Sendable {
    public var label: String
    /// Pictures with this label among their current predictions (any rank).
    public var images: Int
    /// Pictures with this label as their current rank-1 prediction.
    public var topImages: Int
    /// The highest current score of this label among the user's pictures.
    public var bestScore: Double

    public init(label: String, images: Int, topImages: Int, bestScore: Double) {
        self.label = label
        self.images = images
        self.topImages = topImages
        self.bestScore = bestScore
    }
}

/// One of the owner's own labels (``Image/userLabel``) with how many of their pictures have it.
public struct UserLabelCount: Equatable, Sendable {
    public var label: String
    public var images: Int

    public init(label: String, images: Int) {
        self.label = label
        self.images = images
    }
}

/// How often one model's current labels agree with what the owner says the pictures show (``Image/userLabel``),
/// comparing without regard to case.
public struct ModelAgreement: Equatable, Sendable {
    public var model: String
    public var version: String
    /// The owner's labelled pictures whose current predictions this model made.
    public var labelled: Int
    /// Of those, the pictures whose top label is the owner's label.
    public var topMatches: Int
    /// Of those, the pictures with the owner's label at any rank of the current predictions.
    public var anyMatches: Int

    public init(model: String, version: String, labelled: Int, topMatches: Int, anyMatches: Int) {
        self.model = model
        self.version = version
        self.labelled = labelled
        self.topMatches = topMatches
        self.anyMatches = anyMatches
    }
}

/// What the model found in a user's pictures: every label of their current predictions with the number of
/// pictures carrying it, most often the top label first.
public struct ListLabelsUseCase: Sendable {
    /// Labels listed when no limit is given, and the range a limit may take.
    public static let defaultLimit = 100
    public static let limitRange = 1...1000

    public struct Output: Equatable, Sendable {
        /// At most `limit` labels: by pictures with it as top label, then by pictures, then by label.
        public var items: [LabelCount]
        /// How many different labels the user's pictures have (`items` may be fewer).
        public var total: Int
        /// Per model, how often its labels agree with the user's own labels; the models of most labelled
        /// pictures first; empty when no picture has a label of the user's.
        public var agreement: [ModelAgreement]
        /// The user's own labels (compared as ``ImageRules/sameLabel(_:_:)``), most used first, then by label; at
        /// most `limit`.
        public var userLabels: [UserLabelCount]

        public init(items: [LabelCount], total: Int, agreement: [ModelAgreement] = [], userLabels: [UserLabelCount] = []) {
            self.items = items
            self.total = total
            self.userLabels = userLabels
            self.agreement = agreement
        }
    }

    let unitOfWork: any UnitOfWork

    public init(unitOfWork: any UnitOfWork) {
        self.unitOfWork = unitOfWork
    }

    /// `validation` (field `limit`) for a limit out of range.
    public func execute(userID: Int64, limit: Int = defaultLimit) throws -> Output {
        guard Self.limitRange.contains(limit) else {
            throw DomainError.invalid(
                "limit", "Must be an integer from \(Self.limitRange.lowerBound) to \(Self.limitRange.upperBound)."
            )
        }
        // Independent reads: no transaction needed.
        return try unitOfWork.read { repositories in
            let result = try repositories.images.labelCounts(userID: userID, limit: limit)
            return Output(
                items: result.counts, total: result.total, agreement: try repositories.images.agreement(userID: userID),
                userLabels: try repositories.images.userLabelCounts(userID: userID, limit: limit)
            )
        }
    }

    /// The owner's own labels offered wherever they type one (the label fields' suggestions), at most.
    public static let offeredUserLabels = 50

    /// The user's own labels, most used first (``ImageRepository/userLabelCounts(userID:limit:)``), at most
    /// ``offeredUserLabels``: the words they use, to offer where they type a label.
    public func userLabels(userID: Int64) throws -> [String] {
        try unitOfWork.read { try $0.images.userLabelCounts(userID: userID, limit: Self.offeredUserLabels).map(\.label) }
    }
}
