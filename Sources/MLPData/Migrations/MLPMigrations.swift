import MariaDB

/// The schema of MLP, as numbered migrations applied in order.
///
/// The SQL lives in Swift string constants rather than bundled .sql resources: the executables stay
/// self-contained (no `Bundle.module` lookup at run time, nothing to install beside the binary), and a
/// migration is still one file per version that reads like plain SQL.
public enum MLPMigrations {
    /// Every migration, in version order.
    public static let all: [Migration] = [
        Migration0001UsersAndSessions.migration,
        Migration0002ImagesModelsPredictions.migration,
        Migration0003ImageHistoryCount.migration,
        Migration0004UserStoredBytes.migration,
        Migration0005SessionOrigin.migration,
        Migration0006ImageShares.migration,
        Migration0007ImageDigestIndex.migration,
        Migration0008ImageUserLabel.migration,
        Migration0009APIKeys.migration,
        Migration0010Albums.migration,
        Migration0011AlbumShares.migration,
        Migration0012AlbumCover.migration,
        Migration0013ImageTakenAt.migration,
        Migration0014ImageTimeline.migration,
        Migration0015ImageFavourite.migration,
        Migration0016ImageUploadedDigest.migration,
    ]

    /// A migrator for ``all``.
    public static var migrator: Migrator { Migrator(migrations: all) }
}
