// swift-tools-version:6.0
import PackageDescription

/// Compiler settings shared by every Swift target.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "mlp",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mlp-server", targets: ["MLPServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(name: "CFastCGI", path: "Sources/CFastCGI"),
        .target(name: "FastCGI", dependencies: ["CFastCGI"], swiftSettings: swiftSettings),
        .target(
            name: "HTTP",
            dependencies: ["FastCGI", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "MLPAPI",
            dependencies: ["HTTP", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "MLPServer",
            dependencies: ["MLPAPI", "HTTP", "FastCGI", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "FastCGITests", dependencies: ["FastCGI"], swiftSettings: swiftSettings),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP"], swiftSettings: swiftSettings),
        .testTarget(name: "MLPAPITests", dependencies: ["MLPAPI", "HTTP"], swiftSettings: swiftSettings),
    ]
)
