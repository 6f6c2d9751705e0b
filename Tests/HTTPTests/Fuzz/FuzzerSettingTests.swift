import Testing

/// `MLP_FUZZ_CASES` sets how many cases each fuzz test runs.
@Suite("Fuzz case count setting")
struct FuzzerSettingTests {
    @Test func readsPositiveCounts() {
        #expect(Fuzzer.casesSetting("1000000") == 1_000_000)
        #expect(Fuzzer.casesSetting("2_000") == 2000)
    }

    @Test func fallsBackToTheDefault() {
        for value in [nil, "", "0", "-5", "many", "1e6"] {
            #expect(Fuzzer.casesSetting(value) == 100_000, "\(value ?? "nil")")
        }
    }
}
