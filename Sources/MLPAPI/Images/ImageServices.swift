import MLPDomain

/// Everything the image and model routes need, handed in by the composition root; builds the use cases.
/// The web pages call the same use cases.
public struct ImageServices: Sendable {
    public let upload: UploadImageUseCase
    public let list: ListImagesUseCase
    /// The labels of the caller's pictures with their counts (`GET /api/v1/labels`, `/labels`).
    public let labels: ListLabelsUseCase
    public let get: GetImageUseCase
    /// The owners' albums (`/api/v1/albums`, `/albums`).
    public let albums: AlbumsUseCase
    /// The caller's pictures like one they send, which is not stored (`POST /api/v1/images/search`, `/images/search`).
    public let findByPicture: FindByPictureUseCase
    public let update: UpdateImageUseCase
    public let delete: DeleteImageUseCase
    public let reclassify: ReclassifyImageUseCase
    /// Where the model sees a class in a picture (`GET /api/v1/images/:id/explanation`, `/images/:id/explanation`).
    public let explain: ExplainImageUseCase
    /// The owner's own labels suggested for a picture, from the pictures they labelled
    /// (`GET /api/v1/images/:id/label-suggestions`, "Your label" on a picture's page).
    public let suggestLabels: SuggestLabelsUseCase
    public let storage: StorageUsageUseCase
    /// Share links: made, read and stopped by the owner, opened by anyone with the link.
    public let shares: ShareImageUseCase
    /// Album links: made, read and stopped by the owner, opened by anyone with the link.
    public let albumShares: ShareAlbumUseCase
    /// The caller's pictures as one archive (`GET /api/v1/users/me/export`, `/account/export`).
    public let export: AccountExport
    /// The loaded models (`GET /api/v1/models`).
    public let classifier: any ImageClassifier
    /// Seconds browsers may reuse `/content` and `/thumbnail` answers before revalidating with the ETag.
    public let contentMaxAge: Int
    /// Base64 text of recently served pictures for `GET /api/v1/images/:id`; nil: always read the bytes.
    public let pictureCache: EncodedPictureCache?
    /// `MLP_PUBLIC_URL` (checked with ``ShareLink/checkedPublicURL(_:)``): what share links start with; nil: the
    /// scheme and host of each request.
    public let publicURL: String?
    /// Told the size in bytes of every newly stored upload (API and browser form), for metrics.
    public let uploadStored: @Sendable (Int) -> Void
    /// Today, for the gallery's "On this day".
    public let clock: any WallClock

    public init(
        unitOfWork: any UnitOfWork, classifier: any ImageClassifier, processor: any ImageProcessor,
        digester: any ContentDigester, tokens: any TokenGenerator, clock: any WallClock = SystemClock(), contentMaxAge: Int = 60,
        pictureCache: EncodedPictureCache? = nil, uploadStored: @escaping @Sendable (Int) -> Void = { _ in },
        quota: StorageQuota = .unlimited, maxConcurrentExports: Int = 2, publicURL: String? = nil,
        storedMetadata: StoredMetadata = .keep
    ) {
        self.publicURL = publicURL
        self.clock = clock
        upload = UploadImageUseCase(
            unitOfWork: unitOfWork, classifier: classifier, processor: processor, digester: digester, clock: clock, quota: quota,
            storedMetadata: storedMetadata
        )
        list = ListImagesUseCase(unitOfWork: unitOfWork)
        labels = ListLabelsUseCase(unitOfWork: unitOfWork)
        shares = ShareImageUseCase(unitOfWork: unitOfWork, tokens: tokens, clock: clock, processor: processor, digester: digester)
        albumShares = ShareAlbumUseCase(unitOfWork: unitOfWork, tokens: tokens, clock: clock, processor: processor, digester: digester)
        get = GetImageUseCase(unitOfWork: unitOfWork, processor: processor, digester: digester)
        albums = AlbumsUseCase(unitOfWork: unitOfWork, clock: clock)
        findByPicture = FindByPictureUseCase(
            unitOfWork: unitOfWork, classifier: classifier, processor: processor, digester: digester, storedMetadata: storedMetadata
        )
        update = UpdateImageUseCase(
            unitOfWork: unitOfWork, classifier: classifier, processor: processor, digester: digester, clock: clock, quota: quota,
            storedMetadata: storedMetadata
        )
        delete = DeleteImageUseCase(unitOfWork: unitOfWork, clock: clock)
        storage = StorageUsageUseCase(unitOfWork: unitOfWork, quota: quota)
        export = AccountExport(images: ExportImagesUseCase(unitOfWork: unitOfWork), clock: clock, maxConcurrent: maxConcurrentExports)
        reclassify = ReclassifyImageUseCase(unitOfWork: unitOfWork, classifier: classifier, clock: clock)
        explain = ExplainImageUseCase(unitOfWork: unitOfWork, classifier: classifier)
        suggestLabels = SuggestLabelsUseCase(unitOfWork: unitOfWork)
        self.classifier = classifier
        self.contentMaxAge = contentMaxAge
        self.pictureCache = pictureCache
        self.uploadStored = uploadStored
    }

    /// Runs the upload use case and reports a newly stored picture to ``uploadStored`` (not a replay).
    public func store(_ input: UploadImageUseCase.Input) throws -> UploadImageUseCase.Output {
        let output = try upload.execute(input)
        if output.created { uploadStored(output.details.image.byteSize) }
        return output
    }
}
