@testable import MLPAPI
import MLPDomain
import Testing

@Suite struct AuthConfigurationTests {
    @Test func readsDurationsAndCounts() throws {
        let configuration = try AuthConfiguration.fromEnvironment([
            "MLP_SESSION_TTL": "2d", "MLP_SESSION_IDLE_TIMEOUT": "90m", "MLP_LOGIN_FAILURE_WINDOW": "600",
            "MLP_LOGIN_MAX_FAILURES": "5", "MLP_LOGIN_MAX_FAILURES_PER_ADDRESS": "50", "MLP_SESSION_TOUCH_INTERVAL": "30s",
        ])
        #expect(configuration == AuthConfiguration(
            sessionLifetime: 172_800, idleTimeout: 5_400, lastSeenResolution: 30, maxFailuresPerAccount: 5,
            maxFailuresPerAddress: 50, failureWindow: 600
        ))
        #expect(try AuthConfiguration.fromEnvironment([:]) == AuthConfiguration())
    }

    @Test func signUpIsOpenUnlessClosed() throws {
        #expect(try AuthConfiguration.fromEnvironment([:]).signUpOpen)
        #expect(try AuthConfiguration.fromEnvironment(["MLP_SIGNUP": "open"]).signUpOpen)
        #expect(try !AuthConfiguration.fromEnvironment(["MLP_SIGNUP": "closed"]).signUpOpen)
    }

    @Test(arguments: [
        "MLP_SESSION_TTL=0", "MLP_SESSION_TTL=7w", "MLP_LOGIN_MAX_FAILURES=-1", "MLP_SESSION_IDLE_TIMEOUT=soon",
        "MLP_SIGNUP=no", "MLP_SIGNUP=Closed",
    ])
    func refusesUnusableValues(setting: String) {
        let parts = setting.split(separator: "=").map(String.init)
        #expect(throws: AuthConfigurationError.self) { try AuthConfiguration.fromEnvironment([parts[0]: parts[1]]) }
    }
}
