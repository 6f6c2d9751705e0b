import Foundation
import HTTP
import MLPDomain
import Synchronization

/// An account's pictures as one tar archive, written while it is sent:
///
///     mlp-export/README.txt
///     mlp-export/account.json           the account: id, username, created_at, exported_at
///     mlp-export/pictures/12.jpg        each picture as uploaded (.jpg or .png), oldest first
///     mlp-export/pictures/12.json       its title, the owner's label, facts, dates and every prediction, current first
///
/// Names are the image ids (titles can hold any character and repeat); the title is in the JSON beside each.
public struct AccountExport: Sendable {
    /// The archive's top folder (extracting never scatters files into the current one).
    static let root = "mlp-export"
    let images: ExportImagesUseCase
    let clock: any WallClock
    let gate: Gate

    /// `maxConcurrent`: exports running at once in this instance; each keeps a worker busy while it streams.
    public init(images: ExportImagesUseCase, clock: any WallClock, maxConcurrent: Int) {
        self.images = images
        self.clock = clock
        gate = Gate(limit: maxConcurrent)
    }

    /// The answer to an export request: the archive as an attachment named after the day. Throws 503 with
    /// `Retry-After` when ``Gate/limit`` exports are already running; the slot is held until the body is
    /// written or dropped.
    /// With `album` (one of the user's), only its pictures, in an archive of the same form named after the album's
    /// id (`mlp-album-4-2026-11-28.tar`), which `mlp users import` takes as it takes a whole account's.
    func response(for user: User, album: Album? = nil) throws -> Response {
        let permit = try gate.enter()
        let date = clock.now()
        let day = String(ISO8601Format.string(from: date).prefix(10))
        let name = album.map { "mlp-album-\($0.id)-\(day).tar" } ?? "mlp-export-\(day).tar"
        let headers: HTTPHeaders = [
            "Content-Type": "application/x-tar",
            "Content-Disposition": "attachment; filename=\"\(name)\"",
            "Cache-Control": "no-store",
        ]
        let images = images
        return Response(status: .ok, headers: headers, stream: StreamedBody { sink in
            try withExtendedLifetime(permit) {
                try Self.write(user: user, at: date, images: images, album: album, to: sink)
            }
        })
    }

    /// Writes the whole archive to `sink` (the download, and `mlp users export` into a file); with `album`, only
    /// the pictures in it, and `album.json` naming it.
    public static func write(
        user: User, at date: Date, images: ExportImagesUseCase, album: Album? = nil, to sink: StreamedBody.Sink
    ) throws {
        var tar = TarWriter()
        try tar.directory("\(root)/", modified: date, to: sink)
        try tar.file("\(root)/README.txt", Array((album == nil ? readme : albumReadme).utf8), modified: date, to: sink)
        try tar.file("\(root)/account.json", accountJSON(user, exportedAt: date), modified: date, to: sink)
        if let album { try tar.file("\(root)/album.json", albumJSON(album), modified: date, to: sink) }
        try tar.directory("\(root)/pictures/", modified: date, to: sink)
        try images.execute(userID: user.id, albumID: album?.id) { exported in
            let image = exported.image
            let file = "\(image.id).\(image.contentType == "image/png" ? "png" : "jpg")"
            try tar.file("\(root)/pictures/\(file)", exported.bytes, modified: image.updatedAt, to: sink)
            try tar.file("\(root)/pictures/\(image.id).json", imageJSON(exported, file: file), modified: image.updatedAt, to: sink)
        }
        try tar.finish(to: sink)
    }

    static let readme = """
        Your pictures from MLP.

        account.json        your account: id, username (e-mail address), when it was created, when this was exported
        pictures/ID.jpg     each picture exactly as you uploaded it (.png for PNG files), named by its id
        pictures/ID.json    the same picture's title, your own label for it ("user_label", null when you gave none),
                            the names of your albums that hold it ("albums") and of those whose cover you chose it
                            to be ("cover_of"), whether it is one of your favourites ("favourite": true or false),
                            content type, size in bytes, width and height, SHA-256 of the file, when it was uploaded
                            and last changed, when it was taken ("taken_at", as the file says; null when it does
                            not), and every prediction the models made for it: the current ones ("current": true)
                            first, then earlier ones, newest first

        All times are UTC (ISO 8601), except "taken_at": the camera's own clock, with its offset from UTC when the
        camera recorded one ("2026-03-12T14:03:22+01:00"), else without ("2026-03-12T14:03:22").

        """

    /// The README of an album's download: the same files, and `album.json`.
    static let albumReadme = """
        The pictures of one of your albums from MLP.

        account.json        your account: id, username (e-mail address), when it was created, when this was exported
        album.json          the album: id, name, when it was made and last changed
        pictures/ID.jpg     each picture in the album exactly as you uploaded it (.png for PNG files), named by its id
        pictures/ID.json    as in a download of all your pictures: title, your own label, the names of your albums
                            that hold it, whether it is a favourite, facts of the file and every prediction the models made for it

        All times are UTC (ISO 8601). `mlp users import` takes this archive as it takes a download of all pictures.

        """

    static func albumJSON(_ album: Album) -> [UInt8] {
        var json = JSONWriter()
        json.object { json in
            json.key("created_at"); json.date(album.createdAt)
            json.key("id"); json.int(album.id)
            json.key("name"); json.string(album.name)
            json.key("updated_at"); json.date(album.updatedAt)
        }
        return json.bytes + [0x0A]
    }

    static func accountJSON(_ user: User, exportedAt: Date) -> [UInt8] {
        var json = JSONWriter()
        json.object { json in
            json.key("created_at"); json.date(user.createdAt)
            json.key("exported_at"); json.date(exportedAt)
            json.key("id"); json.int(user.id)
            json.key("username"); json.string(user.username.value)
        }
        return json.bytes + [0x0A]
    }

    static func imageJSON(_ exported: ExportedImage, file: String) -> [UInt8] {
        let image = exported.image
        var json = JSONWriter()
        json.object { json in
            json.key("albums"); json.array { json in exported.albums.forEach { json.string($0) } }
            json.key("byte_size"); json.int(image.byteSize)
            json.key("content_type"); json.string(image.contentType)
            json.key("cover_of"); json.array { json in exported.coverOf.forEach { json.string($0) } }
            json.key("created_at"); json.date(image.createdAt)
            json.key("favourite"); json.bool(image.favourite)
            json.key("file"); json.string(file)
            json.key("height"); json.int(image.height)
            json.key("id"); json.int(image.id)
            json.key("predictions")
            json.array { json in exported.predictions.forEach { StoredPredictionResponse($0).write(to: &json) } }
            json.key("sha256"); json.string(image.sha256)
            json.key("taken_at"); json.string(image.takenAt?.iso8601)
            json.key("title"); json.string(image.title)
            json.key("updated_at"); json.date(image.updatedAt)
            json.key("user_label"); json.string(image.userLabel)
            json.key("width"); json.int(image.width)
        }
        return json.bytes + [0x0A]
    }

    /// Counts the exports running in this instance.
    final class Gate: Sendable {
        let limit: Int
        private let running = Mutex(0)

        init(limit: Int) {
            self.limit = max(1, limit)
        }

        /// A slot, given back when the permit is released; `unavailable` when all are taken.
        func enter() throws -> Permit {
            let entered = running.withLock { count in
                guard count < limit else { return false }
                count += 1
                return true
            }
            guard entered else {
                throw DomainError(
                    .unavailable, "Too many exports are running right now; try again in a minute.", retryAfterSeconds: 30
                )
            }
            return Permit(gate: self)
        }

        fileprivate func leave() {
            running.withLock { $0 -= 1 }
        }
    }

    /// One running export's slot; released when the last reference goes (the body written, or dropped unsent).
    final class Permit: Sendable {
        private let gate: Gate

        fileprivate init(gate: Gate) {
            self.gate = gate
        }

        deinit { gate.leave() }
    }
}
