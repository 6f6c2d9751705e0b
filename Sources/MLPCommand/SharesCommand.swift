import ArgumentParser
import Foundation
import MLPData
import MLPDomain

/// `mlp shares list|stop`: the share links of every account, pictures' and albums', and ending one (a link
/// reported for abuse).
struct SharesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shares", abstract: "List the share links of the pictures and albums, and stop one.",
        subcommands: [List.self, Stop.self]
    )

    static func useCase() throws -> ShareImageUseCase {
        ShareImageUseCase(unitOfWork: try UsersCommand.unitOfWork(), tokens: OpenSSLTokenGenerator())
    }

    static func albumUseCase() throws -> ShareAlbumUseCase {
        ShareAlbumUseCase(unitOfWork: try UsersCommand.unitOfWork(), tokens: OpenSSLTokenGenerator())
    }

    /// `mlp shares list [--user EMAIL] [--limit N]`: newest link first; one line each with the picture id, the
    /// owner's user id, when it was shared, the link's path and the picture's title; then the album links
    /// likewise (album id, owner, since, path, name).
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List share links, newest first.")

        @Option(help: "Only the links of this account (its e-mail address).")
        var user: String?

        @Option(help: "Show at most this many links (1...10000).")
        var limit = 100

        func run() throws {
            guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be from 1 to 10000.") }
            let unitOfWork = try UsersCommand.unitOfWork()
            let listed = try UsersCommand.reporting {
                let owner = try user.map { name in
                    try unitOfWork.read { try $0.users.requireActive(username: try Username(validating: name)) }.id
                }
                return (
                    pictures: try SharesCommand.useCase().listAll(userID: owner, limit: limit),
                    albums: try SharesCommand.albumUseCase().listAll(userID: owner, limit: limit)
                )
            }
            for shared in listed.pictures.items {
                print([
                    "image \(shared.image.id)", "user \(shared.image.userID)", shared.share.createdAt.formatted(Date.ISO8601FormatStyle()),
                    "/s/\(shared.share.token)", shared.image.title ?? "(untitled)",
                ].joined(separator: "\t"))
            }
            let cut = listed.pictures.total > listed.pictures.items.count ? " (\(listed.pictures.items.count) shown)" : ""
            print("\(listed.pictures.total) share link(s)\(cut)")
            for shared in listed.albums.items {
                print([
                    "album \(shared.album.id)", "user \(shared.album.userID)", shared.share.createdAt.formatted(Date.ISO8601FormatStyle()),
                    "/a/\(shared.share.token)", shared.album.name,
                ].joined(separator: "\t"))
            }
            let albumsCut = listed.albums.total > listed.albums.items.count ? " (\(listed.albums.items.count) shown)" : ""
            print("\(listed.albums.total) album link(s)\(albumsCut)")
        }
    }

    /// `mlp shares stop LINK`: the link (a URL or path with `/s/<token>` or `/a/<token>`, or the token) no longer
    /// works. A bare token is looked up among pictures' links, then albums'.
    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop a share link: give the link as reported (https://…/s/<token> or …/a/<token>), its path or its token."
        )

        @Argument(help: "The link, its path (/s/<token>, /a/<token>) or its token.")
        var link: String

        func run() throws {
            let stopped: String? = try UsersCommand.reporting {
                let isAlbum = link.contains("/a/"), isPicture = link.contains("/s/")
                if !isAlbum, let share = try SharesCommand.useCase().stop(link: link) {
                    return "stopped the link of image \(share.imageID) (shared \(share.createdAt.formatted(Date.ISO8601FormatStyle())))"
                }
                if !isPicture, let share = try SharesCommand.albumUseCase().stop(link: link) {
                    return "stopped the link of album \(share.albumID) (shared \(share.createdAt.formatted(Date.ISO8601FormatStyle())))"
                }
                return nil
            }
            guard let stopped else {
                FileHandle.standardError.write(Data("mlp: no share link with that token (stopped already?)\n".utf8))
                throw ExitCode.failure
            }
            print(stopped)
        }
    }
}
