import Testing
@testable import FastCGI
