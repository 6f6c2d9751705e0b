import Testing
@testable import MariaDB
