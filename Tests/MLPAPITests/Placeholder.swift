import Testing
@testable import MLPAPI
