import MLPDomain
import Testing

@Suite struct UsernameTests {
    private func message(for input: String) -> String? {
        do {
            _ = try Username(validating: input)
            return nil
        } catch let error as DomainError {
            #expect(error.code == .validation)
            #expect(error.fieldErrors.map(\.field) == ["username"])
            return error.fieldErrors.first?.message
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test(arguments: [
        ("alice@example.com", "alice@example.com"),
        ("  Alice.Smith@Example.COM \n", "Alice.Smith@example.com"),
        ("first.last+tag@sub.example.co.uk", "first.last+tag@sub.example.co.uk"),
        ("o'hara!#$%&*/=?^_`{|}~-@example.org", "o'hara!#$%&*/=?^_`{|}~-@example.org"),
        ("x@a-b.example", "x@a-b.example"),
        ("user@xn--bcher-kva.example", "user@xn--bcher-kva.example"),
        ("user@XN--BCHER-KVA.example", "user@xn--bcher-kva.example"),
    ])
    func acceptsAndNormalises(input: String, expected: String) throws {
        #expect(try Username(validating: input).value == expected)
    }

    @Test func unicodeDomainBecomesPunycode() throws {
        #expect(try Username(validating: "joerg@Bücher.example").value == "joerg@xn--bcher-kva.example")
        #expect(try Username(validating: "info@münchen.de").value == "info@xn--mnchen-3ya.de")
        // Decomposed ü (u + combining diaeresis) is NFC-normalised first, so it gives the same address.
        #expect(try Username(validating: "info@mu\u{308}nchen.de").value == "info@xn--mnchen-3ya.de")
    }

    @Test func localPartMustBeAscii() {
        #expect(message(for: "jörg@example.com")?.contains("ASCII") == true)
    }

    @Test func singleLabelDomainIsRefused() {
        #expect(message(for: "a@b") == "The domain must have at least two labels, such as example.com.")
    }

    @Test func localPartOf64IsAcceptedAnd65Refused() throws {
        let local64 = String(repeating: "a", count: 64)
        #expect(try Username(validating: local64 + "@example.com").value.hasPrefix(local64))
        #expect(message(for: local64 + "a@example.com") == "The part before @ must be at most 64 characters.")
    }

    @Test func trailingDotIsRefused() {
        #expect(message(for: "alice@example.com.") == "The domain must not end with a dot.")
    }

    @Test(arguments: ["ali ce@example.com", "alice@exa mple.com", "alice @example.com", "alice@example.com\u{0}",
                      "al\tice@example.com", "alice@\u{200B}example.com"])
    func spacesAndControlCharactersAreRefused(input: String) {
        #expect(message(for: input) == "The e-mail address must not contain spaces or control characters.")
    }

    @Test(arguments: ["", "   "])
    func emptyIsRefused(input: String) {
        #expect(message(for: input) == "Enter an e-mail address.")
    }

    @Test(arguments: ["alice.example.com", "a@b@example.com"])
    func exactlyOneAt(input: String) {
        #expect(message(for: input) == "The e-mail address must contain exactly one @.")
    }

    @Test(arguments: [
        ("@example.com", "The part before @ is empty."),
        ("alice@", "The part after @ is empty."),
        (".alice@example.com", "The part before @ must not start or end with a dot or contain two dots in a row."),
        ("alice.@example.com", "The part before @ must not start or end with a dot or contain two dots in a row."),
        ("al..ice@example.com", "The part before @ must not start or end with a dot or contain two dots in a row."),
        ("\"alice\"@example.com", "The part before @ may contain only ASCII letters, digits, dots and !#$%&'*+/=?^_`{|}~-."),
        ("alice@example..com", "The domain must not start with a dot or contain two dots in a row."),
        ("alice@.example.com", "The domain must not start with a dot or contain two dots in a row."),
        ("alice@exa_mple.com", "Domain labels may contain only letters, digits and hyphens."),
        ("alice@[192.168.0.1]", "Domain labels may contain only letters, digits and hyphens."),
        ("alice@-example.com", "Domain labels must not start or end with a hyphen."),
        ("alice@example-.com", "Domain labels must not start or end with a hyphen."),
        ("alice@192.168.0.1", "The top-level domain must not be all digits."),
        ("alice@ex😀ample.com", "Domain labels may contain only letters, digits and hyphens."),
        ("alice@xn--zz.example", "The domain label xn--zz is not valid Punycode."),
    ])
    func refusesWithAMessageSayingWhy(input: String, expected: String) {
        #expect(message(for: input) == expected)
    }

    @Test func labelAndDomainLengthLimits() throws {
        let label63 = String(repeating: "d", count: 63)
        #expect(try Username(validating: "a@\(label63).com").value == "a@\(label63).com")
        #expect(message(for: "a@\(label63)d.com") == "Each domain label must be at most 63 characters.")
        let longDomain = Array(repeating: String(repeating: "d", count: 50), count: 5).joined(separator: ".") + ".com"
        #expect(message(for: "a@\(longDomain)") == "The domain must be at most 253 characters.")
    }

    @Test func keyIgnoresCase() throws {
        let first = try Username(validating: "Alice@Example.com")
        let second = try Username(validating: "alice@EXAMPLE.COM")
        #expect(first.value == "Alice@example.com")
        #expect(first.key == second.key)
    }
}
