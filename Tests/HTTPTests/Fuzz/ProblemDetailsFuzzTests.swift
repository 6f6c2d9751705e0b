import FuzzTestSupport
import Foundation
import Testing
@testable import HTTP

@Suite("Fuzz: problem+json responses")
struct ProblemDetailsFuzzTests {
    /// The body as a client reads it.
    struct DecodedProblem: Decodable {
        struct Field: Decodable {
            var field: String
            var message: String
        }
        var type: String
        var title: String
        var status: Int
        var detail: String?
        var errors: [Field]?
    }

    @Test("100 000 problems with random strings encode to JSON that reads back the same", .timeLimit(.minutes(5)))
    func randomStringsRoundTrip() throws {
        var failures = FuzzFailures()
        for index in 0..<Fuzzer.cases where !failures.tooMany {
            var fuzzer = Fuzzer(seed: 0x9457, case: index)
            let type = fuzzer.text(maxLength: 12, extra: ["/", ":"])
            let title = fuzzer.text(), detail = fuzzer.chance(3, in: 4) ? fuzzer.text(maxLength: 60) : nil
            let errors = fuzzer.chance(1, in: 3)
                ? (0..<fuzzer.int(0...3)).map { _ in ProblemDetails.FieldError(field: fuzzer.text(maxLength: 8), message: fuzzer.text()) }
                : nil
            var headers: [String: String] = [:]
            if fuzzer.chance(1, in: 4) { headers["Retry-After"] = fuzzer.text(maxLength: 6) }
            let status = fuzzer.int(100...599)
            let problem = ProblemDetails(
                type: type, title: title, status: HTTPStatus(code: status), detail: detail, errors: errors, headers: headers
            )
            let response = problem.response()
            failures.check(response.status.code == status, "case \(index): status")
            failures.check(response.headers["Content-Type"] == "application/problem+json", "case \(index): content type")
            failures.check(response.headers["Retry-After"] == headers["Retry-After"], "case \(index): header")
            // JSONDecoder, not JSONSerialization: on Linux the latter drops some trailing U+FEFF characters.
            guard let decoded = try? JSONDecoder().decode(DecodedProblem.self, from: Data(response.body)),
                  let keys = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
            else {
                failures.check(false, "case \(index): body is not a JSON object")
                continue
            }
            let expectedType = type.hasPrefix("/") || type.contains(":") ? type : "/problems/\(type)"
            failures.check(decoded.type == expectedType, "case \(index): type \(type.debugDescription)")
            failures.check(decoded.title == title, "case \(index): title \(title.debugDescription)")
            failures.check(decoded.detail == detail, "case \(index): detail \(String(describing: detail?.debugDescription))")
            failures.check(decoded.status == status, "case \(index): status field")
            failures.check(decoded.errors?.map { ProblemDetails.FieldError(field: $0.field, message: $0.message) } == errors, "case \(index): errors")
            failures.check(keys.count == 3 + (detail == nil ? 0 : 1) + (errors == nil ? 0 : 1), "case \(index): extra keys")
        }
    }
}
