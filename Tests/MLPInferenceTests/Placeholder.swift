import Testing
@testable import MLPInference
