import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Settings for tests that go through real nginx to the running app (started by `make test`).
enum EndToEnd {
    /// `MLP_TEST_BASE_URL`, e.g. `http://127.0.0.1:18080`.
    static let baseURL: String? = ProcessInfo.processInfo.environment["MLP_TEST_BASE_URL"]
    static var isConfigured: Bool { baseURL != nil }

    /// The pictures in `Tests/EndToEndTests/Fixtures`.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    /// A `multipart/form-data` body of text `fields` and a `file` part, and its content type.
    static func multipart(file: Data, filename: String, type: String, fields: [(String, String)]) -> (Data, String) {
        let boundary = "mlp-\(UInt64.random(in: 0...UInt64.max))"
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\n".utf8))
        body.append(Data("Content-Type: \(type)\r\n\r\n".utf8))
        body.append(file)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    /// `jpeg` as a phone writes it: Exif with a position after the JFIF header, a comment, a video after the end.
    /// What a share link must not send (it sends `jpeg` as it was).
    static func asFromAPhone(_ jpeg: Data) -> Data {
        func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] { [0xFF, marker, 0, UInt8(payload.count + 2)] + payload }
        let exif = Array("Exif".utf8) + [0, 0, 0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0] + Array("GPSLatitude 48.8584".utf8)
        return Data(Array(jpeg.prefix(20)) + segment(0xE1, exif) + segment(0xFE, Array("taken at home".utf8))
            + Array(jpeg.dropFirst(20)) + Array("MOTION-PHOTO".utf8))
    }

    /// `jpeg` with the Exif a camera writes when it took the picture: IFD0 pointing to an Exif IFD with
    /// DateTimeOriginal ("2026:03:12 14:03:22") and, when given, OffsetTimeOriginal ("+01:00").
    static func taken(_ jpeg: Data, at time: String, offset: String?) -> Data {
        let payload = Array("Exif".utf8) + [0, 0] + exif(at: time, offset: offset)
        return Data(Array(jpeg.prefix(20)) + [0xFF, 0xE1] + u16(payload.count + 2) + payload + Array(jpeg.dropFirst(20)))
    }

    /// `png` with the same Exif in an `eXIf` chunk right after IHDR, as an editor writes it, with an orientation.
    static func taken(png: Data, at time: String, offset: String?, orientation: Int) -> Data {
        let typeAndData = Array("eXIf".utf8) + exif(at: time, offset: offset, orientation: orientation)
        let chunk = u32(typeAndData.count - 4) + typeAndData + u32(Int(crc32(typeAndData)))
        return Data(Array(png.prefix(33)) + chunk + Array(png.dropFirst(33)))
    }

    /// The TIFF structure of that Exif: IFD0 (the orientation when given, the pointer to the Exif IFD) and the
    /// Exif IFD, big-endian.
    private static func exif(at time: String, offset: String?, orientation: Int? = nil) -> [UInt8] {
        let texts = [(0x9003, time)] + (offset.map { [(0x9011, $0)] } ?? [])
        let ifd0Entries = orientation == nil ? 1 : 2
        let exifIFD = 8 + 2 + ifd0Entries * 12 + 4
        var valueAt = exifIFD + 2 + texts.count * 12 + 4
        var tiff = [0x4D, 0x4D] + u16(42) + u32(8) + u16(ifd0Entries)
        if let orientation { tiff += u16(0x0112) + u16(3) + u32(1) + u16(orientation) + [0, 0] }
        tiff += u16(0x8769) + u16(4) + u32(1) + u32(exifIFD) + u32(0) + u16(texts.count)
        var values: [UInt8] = []
        for (tag, text) in texts {
            let bytes = Array(text.utf8) + [0]
            tiff += u16(tag) + u16(2) + u32(bytes.count) + u32(valueAt)
            values += bytes
            valueAt += bytes.count
        }
        return tiff + u32(0) + values
    }

    private static func u16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    private static func u32(_ v: Int) -> [UInt8] { u16(v >> 16) + u16(v & 0xFFFF) }

    /// The CRC-32 of a PNG chunk's type and data.
    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        ~bytes.reduce(UInt32.max) { crc, byte in
            (0..<8).reduce(crc ^ UInt32(byte)) { c, _ in c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
    }

    /// Uploads the fixture `name` as base64 JSON for `user` (bearer headers); its id, after checking the `201`.
    static func upload(_ name: String, as user: [String: String]) async throws -> Int {
        let body = try JSONSerialization.data(withJSONObject: ["image_base64": try fixture(name).base64EncodedString()])
        let uploaded = try await send("POST", "/api/v1/images", body: body, headers: user.merging(["Content-Type": "application/json"]) { $1 })
        #expect(uploaded.status == 201, "\(name): \(uploaded.status)")
        return try #require(try uploaded.json()["id"] as? Int)
    }

    /// Signs a new user up and returns the bearer headers.
    static func newUser(_ prefix: String) async throws -> [String: String] {
        let username = "\(prefix)-\(UInt32.random(in: 0...UInt32.max))@example.org"
        let credentials = try JSONSerialization.data(withJSONObject: ["username": username, "password": "a fine passphrase"])
        let json = ["Content-Type": "application/json"]
        _ = try await send("POST", "/api/v1/users", body: credentials, headers: json)
        let login = try await send("POST", "/api/v1/auth/login", body: credentials, headers: json)
        let token = try #require(try login.json()["access_token"] as? String)
        return ["Authorization": "Bearer \(token)"]
    }

    struct Reply {
        let status: Int
        let headers: [String: String]
        let body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        }
        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 30
        configuration.httpMaximumConnectionsPerHost = 64
        return URLSession(configuration: configuration)
    }()

    /// Sends the request. A request that runs the model (a picture sent with `POST` or `PUT` under
    /// `/api/v1/images`, or an explanation) that finds every inference slot busy (`503` with `Retry-After`, the
    /// designed back-pressure, which these tests meet when the machine is loaded by the other tests) is sent again
    /// after a second, as a client does, up to 20 times; `scripts/tests/images-concurrency.sh` and
    /// `Tests/MLPInferenceTests/ExplanationTests.swift` test the 503 itself.
    static func send(_ method: String, _ path: String, body: Data? = nil, headers: [String: String] = [:]) async throws -> Reply {
        var reply = try await sendOnce(method, path, body: body, headers: headers)
        var attempts = 1
        let runsTheModel = ["POST", "PUT"].contains(method) || path.split(separator: "?").first?.hasSuffix("/explanation") == true
        while reply.status == 503, reply.header("Retry-After") != nil, runsTheModel, path.hasPrefix("/api/v1/images"), attempts < 20 {
            try await Task.sleep(for: .seconds(1))
            reply = try await sendOnce(method, path, body: body, headers: headers)
            attempts += 1
        }
        return reply
    }

    private static func sendOnce(_ method: String, _ path: String, body: Data?, headers: [String: String]) async throws -> Reply {
        let base = try #require(baseURL, "MLP_TEST_BASE_URL is not set: run the end-to-end tests through `make test`")
        var request = URLRequest(url: try #require(URL(string: base + path)))
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields { fields["\(key)"] = "\(value)" }
        return Reply(status: http.statusCode, headers: fields, body: data)
    }
}
