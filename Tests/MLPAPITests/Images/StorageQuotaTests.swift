import Foundation
import HTTP
@testable import MLPAPI
import MLPDomain
import Testing

/// The per-account storage quota on uploads and replacements, and `GET /api/v1/users/me/storage`.
@Suite struct StorageQuotaTests {
    /// Each test picture is 4 + 8 = 12 bytes (a JPEG signature and an 8-character marker).
    static func picture(_ marker: Int) -> [UInt8] { FakePictures.jpeg("coffee-\(marker)") }

    @Test func anUploadOverTheQuotaIs413BeforeTheModelRunsAndStoresNothing() throws {
        let app = ImageTestApp(quota: StorageQuota(maxBytesPerUser: 30))
        let token = try app.token("ann@example.com")
        #expect(app.upload(Self.picture(1), token: token).status == .created)
        #expect(app.upload(Self.picture(2), token: token).status == .created)
        let calls = app.classifier.calls
        let refused = app.upload(Self.picture(3), token: token)
        #expect(refused.status == .contentTooLarge)
        #expect(refused.headers["Content-Type"] == "application/problem+json")
        #expect(refused.object["type"] as? String == "/problems/quota-exceeded")
        #expect(refused.object["detail"] as? String
            == "This picture (12 bytes) does not fit in your storage quota: 24 bytes of 30 bytes are in use. Delete some pictures first.")
        #expect(refused.errorFields == ["image"])
        #expect(app.classifier.calls == calls, "the model ran for a picture that could not be stored")
        #expect(app.imageCount == 2)
        // Another account has its own quota.
        let bob = try app.token("bob@example.com")
        #expect(app.upload(Self.picture(4), token: bob).status == .created)
    }

    @Test func deletingFreesRoom() throws {
        let app = ImageTestApp(quota: StorageQuota(maxBytesPerUser: 24))
        let token = try app.token("ann@example.com")
        let first = try #require(app.upload(Self.picture(1), token: token).object["id"] as? Int)
        #expect(app.upload(Self.picture(2), token: token).status == .created)
        #expect(app.upload(Self.picture(3), token: token).status == .contentTooLarge)
        #expect(app.send(.delete, "/api/v1/images/\(first)", token: token).status == .noContent)
        #expect(app.upload(Self.picture(3), token: token).status == .created)
    }

    @Test func aReplacementCountsTheNewPictureInsteadOfTheOld() throws {
        let app = ImageTestApp(quota: StorageQuota(maxBytesPerUser: 30))
        let token = try app.token("ann@example.com")
        let id = try #require(app.upload(Self.picture(1), token: token).object["id"] as? Int)
        #expect(app.upload(Self.picture(2), token: token).status == .created)
        func put(_ bytes: [UInt8]) -> Response {
            let body = Array(#"{"image_base64":"\#(Data(bytes).base64EncodedString())"}"#.utf8)
            return app.send(.put, "/api/v1/images/\(id)", body: body, contentType: "application/json", token: token)
        }
        // 24 in use: the same size again fits (12 - 12 + 12), 19 bytes instead of 12 does not (31 > 30).
        #expect(put(Self.picture(5)).status == .ok)
        let bigger = put(FakePictures.jpeg("a larger picture"))
        #expect(bigger.status == .contentTooLarge)
        #expect(bigger.object["type"] as? String == "/problems/quota-exceeded")
        #expect(app.send(.get, "/api/v1/images/\(id)", token: token).object["byte_size"] as? Int == 12)
        // 6 bytes more still fit (30).
        #expect(put(FakePictures.jpeg("coffee-5-more-")).status == .ok)
    }

    @Test func storageTellsUseAndQuota() throws {
        let app = ImageTestApp(quota: StorageQuota(maxBytesPerUser: 1000))
        let token = try app.token("ann@example.com")
        let empty = app.send(.get, "/api/v1/users/me/storage", token: token)
        #expect(empty.status == .ok)
        #expect(empty.text == #"{"quota_bytes":1000,"used_bytes":0}"#)
        let id = try #require(app.upload(Self.picture(1), token: token).object["id"] as? Int)
        _ = app.upload(Self.picture(2), token: token)
        #expect(app.send(.get, "/api/v1/users/me/storage", token: token).text == #"{"quota_bytes":1000,"used_bytes":24}"#)
        _ = app.send(.delete, "/api/v1/images/\(id)", token: token)
        #expect(app.send(.get, "/api/v1/users/me/storage", token: token).text == #"{"quota_bytes":1000,"used_bytes":12}"#)
        #expect(app.send(.get, "/api/v1/users/me/storage").status == .unauthorized)
    }

    @Test func withoutAQuotaTheLimitIsNull() throws {
        let app = ImageTestApp()
        let token = try app.token("ann@example.com")
        #expect(app.send(.get, "/api/v1/users/me/storage", token: token).text == #"{"quota_bytes":null,"used_bytes":0}"#)
        // The Encodable form (the reference of the JSON writer) agrees: null, not left out.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let reference = try encoder.encode(StorageUsageResponse(StorageUsage(usedBytes: 0, quotaBytes: nil)))
        #expect(String(decoding: reference, as: UTF8.self) == #"{"quota_bytes":null,"used_bytes":0}"#)
    }

    @Test(arguments: [
        (0, "0 bytes"), (1023, "1023 bytes"), (1024, "1 KiB"), (68_000, "66 KiB"), (20 << 20, "20.0 MiB"),
        (1_572_864, "1.5 MiB"), (1 << 30, "1.00 GiB"), (3 << 29, "1.50 GiB"),
    ])
    func sizesAreReadable(bytes: Int, text: String) {
        #expect(StorageQuota.text(bytes: bytes) == text)
    }
}
