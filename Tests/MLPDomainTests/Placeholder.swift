import Testing
@testable import MLPDomain
