import Testing
@testable import MLPData
