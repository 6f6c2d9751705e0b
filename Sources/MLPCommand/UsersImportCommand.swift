import ArgumentParser
import Foundation
import Inference
import MLPAPI
import MLPData
import MLPDomain
import MLPInference

extension UsersCommand {
    /// `mlp users import <username> FILE`: the pictures of an export archive (`mlp users export`, or the
    /// download of another MLP instance) stored in an existing account, each classified again with this
    /// instance's model. The title, the owner's label, the albums and the covers chosen come from the JSON file
    /// beside each picture (an album of the same name is used, ignoring case, or made). Safe to run again: a picture
    /// already imported from the same archive entry is recognised (idempotency key) and not stored twice.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Store the pictures of an export archive (.tar) in an account, classified again; running it again adds nothing twice."
        )

        @Argument(help: "The username (e-mail address) of the account that receives the pictures.")
        var username: String

        @Argument(help: "The archive (\"-\": standard input).")
        var file: String

        @Option(help: "Model to classify with (default: MLP_DEFAULT_MODEL, else efficientnet-lite0).")
        var model: String?

        @Option(help: "Models directory (default: MLP_MODELS_DIR, else models).")
        var models: String?

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let unitOfWork = try UsersCommand.unitOfWork()
            let user = try UsersCommand.reporting {
                try unitOfWork.read { try $0.users.requireActive(username: try Username(validating: username)) }
            }
            let handle = file == "-" ? FileHandle.standardInput : try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
            let classifier = try CommandModels.classifier(
                directory: models ?? environment["MLP_MODELS_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "models", model: model
            )
            let maxBytes = Self.setting("MLP_MAX_IMAGE_BYTES", environment) ?? (20 << 20)
            let quotaBytes = Self.setting("MLP_USER_QUOTA_BYTES", environment) ?? (1 << 30)
            let processor = InferenceImageProcessor(limits: ImageLimits(maxBytes: maxBytes))
            // Imported pictures are stored as the server stores uploads.
            guard let storedMetadata = StoredMetadata(setting: environment["MLP_STORED_METADATA"]) else {
                throw ValidationError("MLP_STORED_METADATA must be keep or remove, got \(environment["MLP_STORED_METADATA"] ?? "")")
            }
            let upload = UploadImageUseCase(
                unitOfWork: unitOfWork, classifier: classifier, processor: processor, digester: OpenSSLContentDigester(),
                quota: StorageQuota(maxBytesPerUser: quotaBytes > 0 ? quotaBytes : nil), storedMetadata: storedMetadata
            )
            let update = UpdateImageUseCase(
                unitOfWork: unitOfWork, classifier: classifier, processor: processor, digester: OpenSSLContentDigester(),
                storedMetadata: storedMetadata
            )
            let albums = AccountAlbums(userID: user.id, albums: AlbumsUseCase(unitOfWork: unitOfWork))
            var importer = ArchiveImport(
                userID: user.id, upload: upload,
                rename: { id, title in _ = try update.rename(userID: user.id, imageID: id, title: title) },
                label: { id, label in _ = try update.label(userID: user.id, imageID: id, as: label) },
                putInto: albums.put, makeCover: albums.makeCover,
                markFavourite: { id in _ = try update.favourite(userID: user.id, imageID: id, true) },
                model: model, maxBytes: maxBytes
            )
            var reader = TarReader { count in try handle.read(upToCount: count).map { [UInt8]($0) } ?? [] }
            do {
                while let member = try reader.next(maxBytes: maxBytes) { importer.take(member) }
            } catch let error as TarReader.Malformed {
                importer.finish()
                print(importer.summary)
                throw ValidationError("\(file) is not a whole tar archive: \(error.description)")
            }
            importer.finish()
            print(importer.summary)
            if !importer.refused.isEmpty { throw ExitCode.failure }
        }

        static func setting(_ name: String, _ environment: [String: String]) -> Int? {
            environment[name].flatMap { Int($0) }
        }
    }
}

/// Walks the members of an export archive, holding at most one picture in memory. A picture (`.jpg`, `.jpeg`,
/// `.png`) takes its title and the owner's label from the JSON file of the same name: in an MLP export that file
/// follows the picture, which waits for it; in an archive packed by another tool it may come first (what it says
/// is remembered) or later (the picture, stored meanwhile without them, is renamed and labelled).
struct ArchiveImport {
    /// What a picture's JSON file says of it.
    struct Description {
        var title: String?
        var userLabel: String?
        var albums: [String] = []
        /// The albums whose cover the owner chose it to be.
        var coverOf: [String] = []
        /// One of the owner's favourites.
        var favourite = false
    }

    let userID: Int64
    let upload: UploadImageUseCase
    let rename: (_ imageID: Int64, _ title: String) throws -> Void
    let label: (_ imageID: Int64, _ label: String) throws -> Void
    let putInto: (_ imageID: Int64, _ album: String) throws -> Void
    let makeCover: (_ imageID: Int64, _ album: String) throws -> Void
    let markFavourite: (_ imageID: Int64) throws -> Void
    let model: String?
    /// Largest picture (`MLP_MAX_IMAGE_BYTES`); larger members are refused without being read into memory.
    let maxBytes: Int
    private(set) var imported = 0
    private(set) var alreadyThere = 0
    private(set) var refused: [String] = []
    private var pending: (key: String, name: String, bytes: [UInt8])?
    /// What JSON files seen before their picture say, by path without extension.
    private var descriptions: [String: Description] = [:]
    /// Pictures stored before their JSON file was seen, by path without extension.
    private var storedUndescribed: [String: Int64] = [:]

    init(
        userID: Int64, upload: UploadImageUseCase, rename: @escaping (Int64, String) throws -> Void,
        label: @escaping (Int64, String) throws -> Void, putInto: @escaping (Int64, String) throws -> Void = { _, _ in },
        makeCover: @escaping (Int64, String) throws -> Void = { _, _ in },
        markFavourite: @escaping (Int64) throws -> Void = { _ in }, model: String?, maxBytes: Int
    ) {
        self.userID = userID
        self.upload = upload
        self.rename = rename
        self.label = label
        self.putInto = putInto
        self.makeCover = makeCover
        self.markFavourite = markFavourite
        self.model = model
        self.maxBytes = maxBytes
    }

    /// One member of the archive.
    mutating func take(_ member: TarReader.Member) {
        let name = member.name as NSString
        guard !name.lastPathComponent.hasPrefix(".") else { return }  // hidden files, macOS's ._ companions
        let key = name.deletingPathExtension
        switch name.pathExtension.lowercased() {
        case "jpg", "jpeg", "png":
            flush()
            guard let bytes = member.bytes else {
                refused.append("\(member.name): larger than the \(StorageQuota.text(bytes: maxBytes)) a picture may have (MLP_MAX_IMAGE_BYTES)")
                return
            }
            if let description = descriptions.removeValue(forKey: key) {
                _ = store(member.name, bytes, description)
            } else {
                pending = (key, member.name, bytes)
            }
        case "json":
            let facts = member.bytes.flatMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
            let description = Description(
                title: facts?["title"] as? String, userLabel: facts?["user_label"] as? String,
                albums: (facts?["albums"] as? [Any])?.compactMap { $0 as? String } ?? [],
                coverOf: (facts?["cover_of"] as? [Any])?.compactMap { $0 as? String } ?? [],
                favourite: facts?["favourite"] as? Bool ?? false
            )
            if let picture = pending, picture.key == key {
                pending = nil
                _ = store(picture.name, picture.bytes, description)
            } else if let id = storedUndescribed.removeValue(forKey: key) {
                describe(id, description, name: member.name)
            } else {
                descriptions[key] = description
            }
        default:
            return
        }
    }

    /// Stores a picture still waiting for its JSON file.
    mutating func finish() {
        flush()
    }

    private mutating func flush() {
        guard let picture = pending else { return }
        pending = nil
        if let id = store(picture.name, picture.bytes, Description()) { storedUndescribed[picture.key] = id }
    }

    /// The stored (or already stored) image's id; nil when refused.
    private mutating func store(_ name: String, _ bytes: [UInt8], _ description: Description) -> Int64? {
        do {
            let output = try upload.execute(.init(
                userID: userID, bytes: bytes, title: description.title, classification: ClassificationRequest(model: model),
                idempotencyKey: Self.key(name: name, bytes: bytes)
            ))
            if output.created { imported += 1 } else { alreadyThere += 1 }
            let id = output.details.image.id
            if let userLabel = description.userLabel, output.details.image.userLabel != userLabel {
                setLabel(id, userLabel, name: name)
            }
            if description.favourite, !output.details.image.favourite { setFavourite(id, name: name) }
            putIntoAlbums(id, description, name: name)
            return id
        } catch let error as DomainError where error.fieldErrors.contains(where: { $0.field == "Idempotency-Key" }) {
            // Imported before with another title (from an archive packed another way): it is there.
            alreadyThere += 1
        } catch let error as DomainError {
            refused.append("\(name): \(error.message)")
        } catch {
            refused.append("\(name): \(error)")
        }
        return nil
    }

    private mutating func describe(_ id: Int64, _ description: Description, name: String) {
        if let title = description.title {
            do {
                try rename(id, title)
            } catch {
                refused.append("\(name): the title could not be set (\(error))")
            }
        }
        if let userLabel = description.userLabel { setLabel(id, userLabel, name: name) }
        if description.favourite { setFavourite(id, name: name) }
        putIntoAlbums(id, description, name: name)
    }

    /// Puts the picture into the albums the description names, then makes it the cover of those it was the chosen
    /// cover of (only albums it is in).
    private mutating func putIntoAlbums(_ id: Int64, _ description: Description, name: String) {
        for album in description.albums {
            do {
                try putInto(id, album)
            } catch {
                refused.append("\(name): could not be put into the album “\(album)” (\(error))")
            }
        }
        let held = Set(description.albums.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() })
        for album in description.coverOf where held.contains(album.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()) {
            do {
                try makeCover(id, album)
            } catch {
                refused.append("\(name): could not be made the cover of the album “\(album)” (\(error))")
            }
        }
    }

    private mutating func setFavourite(_ id: Int64, name: String) {
        do {
            try markFavourite(id)
        } catch {
            refused.append("\(name): could not be marked as a favourite (\(error))")
        }
    }

    private mutating func setLabel(_ id: Int64, _ userLabel: String, name: String) {
        do {
            try label(id, userLabel)
        } catch {
            refused.append("\(name): the label could not be set (\(error))")
        }
    }

    /// `import-<entry>-<SHA-256 prefix>`: the same archive entry with the same bytes is the same upload.
    static func key(name: String, bytes: [UInt8]) -> String {
        let entry = String(((name as NSString).lastPathComponent as NSString).deletingPathExtension.unicodeScalars
            .filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }.prefix(20))
        return "import-\(entry)-" + OpenSSLContentDigester().sha256Hex(bytes).prefix(32)
    }

    var summary: String {
        var lines = ["imported \(imported) picture(s), \(alreadyThere) already there, \(refused.count) refused"]
        lines += refused.map { "  \($0)" }
        return lines.joined(separator: "\n")
    }
}

/// The albums of the account receiving an import, by name ignoring case: one is made the first time a picture
/// names it. Putting a picture in twice changes nothing.
final class AccountAlbums {
    let userID: Int64
    let albums: AlbumsUseCase
    private var byName: [String: Int64]?

    init(userID: Int64, albums: AlbumsUseCase) {
        self.userID = userID
        self.albums = albums
    }

    func put(_ imageID: Int64, _ name: String) throws {
        _ = try albums.add(userID: userID, albumID: try album(named: name), imageIDs: [imageID])
    }

    /// Makes the picture (already in the album) the album's cover.
    func makeCover(_ imageID: Int64, _ name: String) throws {
        _ = try albums.setCover(userID: userID, albumID: try album(named: name), imageID: imageID)
    }

    /// The id of the account's album of this name (ignoring case), made the first time.
    private func album(named name: String) throws -> Int64 {
        let key = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        var known = try byName ?? Dictionary(
            try albums.list(userID: userID).map { ($0.album.name.lowercased(), $0.album.id) }, uniquingKeysWith: { first, _ in first }
        )
        let id = try known[key] ?? albums.create(userID: userID, name: name).album.id
        known[key] = id
        byName = known
        return id
    }
}
