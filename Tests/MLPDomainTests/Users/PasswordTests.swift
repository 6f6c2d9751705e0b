import MLPDomain
import Testing

@Suite struct PasswordTests {
    private func message(for input: String) -> String? {
        do {
            _ = try Password(validating: input)
            return nil
        } catch let error as DomainError {
            #expect(error.fieldErrors.map(\.field) == ["password"])
            return error.fieldErrors.first?.message
        } catch {
            return "\(error)"
        }
    }

    @Test func lengthBoundsCountUnicodeScalars() {
        #expect(message(for: "Abc-123") == "The password must be at least 8 characters long.")
        #expect(message(for: "Abc-1234") == nil)
        #expect(message(for: String(repeating: "x7", count: 64)) == nil)
        #expect(message(for: String(repeating: "x7", count: 64) + "y") == "The password must be at most 128 characters long.")
        // Eight 4-byte scalars are 32 bytes but eight characters: accepted; seven are refused.
        #expect(message(for: String(repeating: "🔑", count: 8)) == nil)
        #expect(message(for: String(repeating: "🔑", count: 7)) == "The password must be at least 8 characters long.")
    }

    @Test(arguments: ["password", "PASSWORD1", "Qwertyuiop", "iloveyou", "12345678", "P@ssw0rd"])
    func commonPasswordsAreRefusedWhateverTheCase(input: String) {
        #expect(message(for: input) == "This password is one of the most common ones; choose another.")
    }

    @Test func descriptionNeverShowsThePassword() throws {
        let password = try Password(validating: "correct horse battery staple")
        #expect("\(password)" == "********")
        #expect(password.value == "correct horse battery staple")
    }

    @Test func compatibilityCharactersAreNormalised() throws {
        // Full-width letters normalise (NFKC) to ASCII, so the same password typed either way matches.
        #expect(Password.normalize("ｐａｓｓｗｏｒｄ９") == "password9")
    }
}
