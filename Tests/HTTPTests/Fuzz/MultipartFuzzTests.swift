import FuzzTestSupport
import Testing
@testable import HTTP

@Suite("Fuzz: multipart/form-data")
struct MultipartFuzzTests {
    /// Small caps so the limit paths are reached with small inputs.
    static let limits = MultipartLimits(maxParts: 6, maxHeaderBytes: 256, maxPartBytes: 300)

    /// A well-formed body, the parts it was built from and the limit it breaks, if any.
    struct Sample {
        var contentType: String
        var body: [UInt8]
        var parts: [(name: String, filename: String?, body: [UInt8])]
        var expectedError: MultipartError.Code?
        var snippets: [[UInt8]]
    }

    static func sample(_ fuzzer: inout Fuzzer) -> Sample {
        var boundary = fuzzer.chance(1, in: 3)
            ? "----WebKitFormBoundary" + String(decoding: (0..<16).map { _ in fuzzer.pick(alphanumerics) }, as: UTF8.self)
            : String(decoding: (0..<fuzzer.int(1...12)).map { _ in fuzzer.pick(bchars) }, as: UTF8.self)
        if boundary.hasSuffix(" ") { boundary += "x" }
        let needsQuotes = boundary.utf8.contains { !alphanumerics.contains($0) && $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: "_") }
        let lineEnd: [UInt8] = fuzzer.chance(1, in: 4) ? [10] : [13, 10]
        let dashBoundary = Array("--\(boundary)".utf8)
        let snippets = fixedSnippets + [
            dashBoundary, [13, 10] + dashBoundary, [13, 10] + dashBoundary + Array("--".utf8), Array(dashBoundary.dropLast()),
            [13, 10] + dashBoundary + [13, 10],
        ]
        var sample = Sample(contentType: "", body: [], parts: [], snippets: snippets)
        if fuzzer.chance(1, in: 4) { sample.body = Array("preamble\r\n".utf8) }
        let partCount = fuzzer.chance(1, in: 10) ? limits.maxParts + 1 : fuzzer.int(0...limits.maxParts)
        for number in stride(from: 1, through: partCount, by: 1) {
            let name = oneLine(fuzzer.text(maxLength: 8, extra: ["\"", ";", "="]))
            let filename = fuzzer.chance(1, in: 2) ? oneLine(fuzzer.text(maxLength: 10)) : nil
            var content: [UInt8] = []
            for _ in 0..<fuzzer.int(0...6) {
                content += fuzzer.chance(1, in: 2) ? fuzzer.bytes(count: fuzzer.int(0...24)) : fuzzer.pick(snippets)
            }
            if fuzzer.chance(1, in: 20) { content += fuzzer.bytes(count: limits.maxPartBytes) }
            // Content may hold anything but a delimiter.
            if contains(content, lineEnd + dashBoundary) { content = [] }
            var headers = [Array("Content-Disposition: form-data; name=\"\(escaped(name))\"".utf8)]
            if let filename {
                headers[0] += Array("; filename=\"\(escaped(filename))\"".utf8)
                headers.append(Array("Content-Type: application/octet-stream".utf8))
            }
            if fuzzer.chance(1, in: 20) { headers.append(Array("X-Pad: \(String(repeating: "p", count: fuzzer.int(0...200)))".utf8)) }
            let headerBlock = headers.flatMap { $0 + lineEnd } + lineEnd
            if sample.expectedError == nil {
                if number > limits.maxParts {
                    sample.expectedError = .tooManyParts
                } else if headerBlock.count > limits.maxHeaderBytes {
                    sample.expectedError = .headersTooLarge
                } else if content.count > limits.maxPartBytes {
                    sample.expectedError = .partTooLarge
                }
            }
            sample.body += dashBoundary + lineEnd + headerBlock + content + lineEnd
            sample.parts.append((name, filename, content))
        }
        sample.body += dashBoundary + Array("--".utf8) + lineEnd
        sample.contentType = "multipart/form-data; boundary=" + (needsQuotes ? "\"\(boundary)\"" : boundary)
        return sample
    }

    static let alphanumerics = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
    static let bchars = alphanumerics + Array("'()+_,-./:=? ".utf8)
    static let fixedSnippets: [[UInt8]] = [
        [13, 10], [10], [13], Array("--".utf8), Array("\r\n\r\n".utf8), Array(":".utf8),
        Array("Content-Disposition: form-data; name=\"".utf8), Array("filename*=UTF-8''%".utf8), Array("\"".utf8),
        Array("\\".utf8), Array(";".utf8), Array("%".utf8), Array("%C3".utf8), Array(" \t".utf8),
    ]

    /// Whether `needle` occurs in `haystack` (naive: both are small).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" }))
    }

    /// Backslash-escapes `"` and `\\` scalar by scalar (a quote followed by a combining mark is one `Character`).
    static func escaped(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { out.append("\\") }
            out.append(scalar)
        }
        return String(out)
    }

    @Test("100 000 mutated, random and valid bodies: parts or a MultipartError, never a crash", .timeLimit(.minutes(5)))
    func mutatedAndRandomBodies() {
        var failures = FuzzFailures()
        var outcomes = [0, 0]
        for index in 0..<Fuzzer.cases where !failures.tooMany {
            var fuzzer = Fuzzer(seed: 0x4D50, case: index)
            let sample = Self.sample(&fuzzer)
            var contentType = sample.contentType
            let input: [UInt8]
            let kind = fuzzer.int(0...7)
            switch kind {
            case 0, 1: input = sample.body
            case 2: input = fuzzer.randomInput()
            default: input = fuzzer.mutate(sample.body, snippets: sample.snippets, maxLength: 4096)
            }
            if fuzzer.chance(1, in: 16) {
                contentType = String(decoding: fuzzer.mutate(Array(contentType.utf8), snippets: [[34], [59], [92], [32]]), as: UTF8.self)
            }
            do {
                let form = try MultipartFormData(parsing: input, contentType: contentType, limits: Self.limits)
                outcomes[0] += 1
                failures.check(form.parts.count <= Self.limits.maxParts, "case \(index): \(form.parts.count) parts")
                failures.check(form.parts.allSatisfy { $0.body.count <= Self.limits.maxPartBytes }, "case \(index): part over cap")
                failures.check(form.parts.reduce(0) { $0 + $1.body.count } <= input.count, "case \(index): parts larger than input")
                failures.check(
                    kind > 1 || contentType != sample.contentType || sample.expectedError == nil,
                    "case \(index): expected \(sample.expectedError.map(String.init(describing:)) ?? "")"
                )
                if kind <= 1, contentType == sample.contentType {
                    failures.check(form.parts.map(\.name) == sample.parts.map(\.name), "case \(index): names differ")
                    failures.check(form.parts.map(\.filename) == sample.parts.map(\.filename), "case \(index): filenames differ")
                    failures.check(form.parts.map(\.body) == sample.parts.map(\.body), "case \(index): bodies differ")
                }
            } catch {
                outcomes[1] += 1
                failures.check(
                    kind > 1 || contentType != sample.contentType || sample.expectedError == error.code,
                    "case \(index): expected \(sample.expectedError.map(String.init(describing:)) ?? "success"), got \(error)"
                )
                failures.check(error.offset.map { (0...input.count).contains($0) } ?? true, "case \(index): offset \(error)")
                failures.check(!error.detail.isEmpty && [400, 413].contains(error.problem.status), "case \(index): \(error)")
            }
        }
        // Both outcomes must be common, or the generator is not exercising the parser.
        #expect(outcomes[0] > Fuzzer.cases / 10 && outcomes[1] > Fuzzer.cases / 10, "parsed, refused: \(outcomes)")
    }
}
