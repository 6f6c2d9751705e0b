/// Whether an uploaded picture is stored as it came or without its file's metadata (`MLP_STORED_METADATA`).
public enum StoredMetadata: String, CaseIterable, Sendable {
    /// The file as uploaded, byte for byte (the default).
    case keep
    /// The file without what it says besides its pixels (``ImageProcessor/withoutMetadata(_:)``: GPS position,
    /// camera, dates, names, embedded thumbnails), for an operator who would rather not hold what the platform
    /// does not need. The pixels, orientation and colour profile, and so the labels, are the same.
    case remove

    /// The value of the setting: `keep` when it is unset or empty, nil when it is anything but `keep` or `remove`.
    public init?(setting: String?) {
        guard let setting, !setting.isEmpty else {
            self = .keep
            return
        }
        self.init(rawValue: setting)
    }
}
