import Foundation
import HTTP
import MLPDomain
import Testing
@testable import MLPAPI

/// The hand-written bodies of the busiest routes must be exactly what their Encodable conformances give.
@Suite("Response bodies: JSONWriter equals JSONEncoder")
struct ResponseBodyTests {
    private static let model = ModelReference(id: 3, name: "mobilenetv2-7", version: "2024.1 \"quoted\"")
    private static let titles: [String?] = [nil, "", "coffee", "ein \"Bild\" \\ mit / Zeichen\n\t", "📷 café"]

    private static func image(id: Int64, title: String?) -> Image {
        Image(
            id: id, userID: 7, title: title, contentType: id.isMultiple(of: 2) ? "image/png" : "image/jpeg",
            byteSize: Int(id) * 1_000, width: 640, height: 480, sha256: String(repeating: "0f", count: 32),
            createdAt: Date(timeIntervalSince1970: 1_790_000_000.25 + Double(id)), updatedAt: Date(timeIntervalSince1970: 1_790_000_100.5)
        )
    }

    private static func predictions(_ count: Int) -> [Prediction] {
        (0..<count).map { index in
            Prediction(
                rank: index + 1, classIndex: 500 + index, label: index == 1 ? "label \"with\" quotes" : "espresso maker",
                score: [0.812_345_678_9, 1, 0, 1e-7, 0.25][index % 5], model: model, isCurrent: true,
                createdAt: Date(timeIntervalSince1970: 1_790_000_000)
            )
        }
    }

    @Test func imageResourceBodies() throws {
        for (index, title) in Self.titles.enumerated() {
            for count in [0, 1, 5, 20] {
                let details = ImageDetails(
                    image: Self.image(id: Int64(index + 1), title: title), predictions: Self.predictions(count), historyCount: count * 3
                )
                let response = ImageResponse(details)
                #expect(response.jsonBytes == (try JSONCoding.encode(response)))
                let text = Array("AAEC".utf8)
                let parts = ImageResponse.bodyParts(details, base64: text)
                #expect(parts.count == 3 && parts[1] == text, "the text is its own part, sent without a copy")
                let body = Array(parts.joined())
                let decoded = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
                #expect(decoded["image_base64"] as? String == "AAEC")
                #expect(decoded["id"] as? Int == index + 1)
                #expect(ImageResponse.bodyParts(details, base64: nil) == [response.jsonBytes])
            }
        }
    }

    @Test func listBodies() throws {
        let items = Self.titles.enumerated().map { index, title in
            ImageSummaryResponse(ImageSummary(
                image: Self.image(id: Int64(100 - index), title: title), topPrediction: Self.predictions(index % 2).first
            ))
        }
        for next in [nil, "/api/v1/images?limit=5&cursor=abc"] {
            for slice in [[], Array(items.prefix(1)), items] {
                let list = ImageListResponse(items: slice, nextCursor: next == nil ? nil : "abc", links: .init(next: next))
                #expect(list.jsonBytes == (try JSONCoding.encode(list)))
            }
        }
    }

    @Test func userBodies() throws {
        for name in ["a@example.org", "o'brien+\"x\"@example.org"] {
            let user = User(id: 42, username: Username(normalized: name), createdAt: Date(timeIntervalSince1970: 1_790_000_000.999), updatedAt: Date())
            let response = UserResponse(user)
            #expect(response.jsonBytes == (try JSONCoding.encode(response)))
        }
    }
}
