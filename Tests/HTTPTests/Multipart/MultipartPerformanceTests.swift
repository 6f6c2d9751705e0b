import FuzzTestSupport
import Testing
@testable import HTTP

/// Large and adversarial bodies. Absolute speed is measured by the benchmarks (bench/), not here; the
/// adversarial case checks a property of the algorithm (cost independent of the boundary length).
@Suite("Multipart large inputs", .serialized)
struct MultipartPerformanceTests {
    @Test("A 20 MiB file parses byte-exact")
    func twentyMebibyteFile() throws {
        var generator = SplitMix64(seed: 20)
        let file = generator.bytes(count: 20 << 20)
        var body = MultipartBody()
        body.field("title", "Holiday")
        body.file("file", filename: "big.jpg", contentType: "image/jpeg", file)
        let bytes = body.bytes, contentType = body.contentType
        let limits = MultipartLimits(maxPartBytes: 28 << 20)
        let form = try MultipartFormData(parsing: bytes, contentType: contentType, limits: limits)
        #expect(form.part(named: "file")?.body == file)
        #expect(form.part(named: "title").map { Array($0.body) } == Array("Holiday".utf8))
    }

    /// Near-delimiters made of dashes with an all-dash boundary: the worst case of backward-comparing searches
    /// (Horspool), whose cost grows with the boundary length. A linear search costs the same per byte for both.
    @Test("Near-delimiter bodies cost the same per byte with a 70- or a 7-character boundary")
    func adversarialBodiesStayLinear() throws {
        func time(boundaryLength: Int) throws -> Duration {
            let boundary = String(repeating: "-", count: boundaryLength)
            let nearDelimiter = Array("\r\n".utf8) + [UInt8](repeating: UInt8(ascii: "-"), count: boundaryLength + 1)
            let file = Array((0..<((4 << 20) / nearDelimiter.count)).map { _ in nearDelimiter }.joined())
            var body = MultipartBody(boundary: boundary)
            body.file("file", filename: "a", contentType: "application/octet-stream", file)
            let bytes = body.bytes
            let contentType = "multipart/form-data; boundary=\"\(boundary)\""
            let form = try MultipartFormData(parsing: bytes, contentType: contentType)
            #expect(form.part(named: "file")?.body == file)
            return try medianTime { _ = try MultipartFormData(parsing: bytes, contentType: contentType) }
        }
        let long = try time(boundaryLength: 70), short = try time(boundaryLength: 7)
        print("multipart: 4 MiB of near-delimiters: boundary 70 \(milliseconds(long)) ms, boundary 7 \(milliseconds(short)) ms")
        #expect(long < short * 3)
    }
}
