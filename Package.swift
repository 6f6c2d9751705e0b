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
        .executable(name: "mlp", targets: ["MLPCommand"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(name: "CFastCGI", path: "Sources/CFastCGI"),
        .target(name: "FastCGI", dependencies: ["CFastCGI"], swiftSettings: swiftSettings),
        .target(
            name: "HTTP",
            dependencies: ["FastCGI", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(name: "CMariaDB", path: "Sources/CMariaDB"),
        .target(name: "MariaDB", dependencies: ["CMariaDB"], swiftSettings: swiftSettings),
        .systemLibrary(name: "CDNNL", path: "Sources/CDNNL"),
        .systemLibrary(name: "CJPEG", path: "Sources/CJPEG"),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG"),
        .target(
            name: "Inference",
            dependencies: ["CDNNL", "CJPEG", "CPNG", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            swiftSettings: swiftSettings
        ),
        .target(name: "MLPDomain", swiftSettings: swiftSettings),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL"),
        .systemLibrary(name: "CArgon2", path: "Sources/CArgon2"),
        .target(
            name: "MLPData", dependencies: ["MLPDomain", "MariaDB", "COpenSSL", "CArgon2"], swiftSettings: swiftSettings
        ),
        .target(name: "MLPInference", dependencies: ["MLPDomain", "Inference"], swiftSettings: swiftSettings),
        .target(
            name: "MLPAPI",
            dependencies: [
                "HTTP", "MLPDomain", .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "MLPServer",
            dependencies: [
                "MLPAPI", "HTTP", "FastCGI", "MLPData", "MLPDomain", "MariaDB", "MLPInference", "Inference",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "MLPCommand",
            dependencies: [
                "MLPAPI", "MLPData", "MLPDomain", "Inference", "MLPInference",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "FastCGITests", dependencies: ["FastCGI"], swiftSettings: swiftSettings),
        .target(name: "FuzzTestSupport", path: "Tests/FuzzTestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "FuzzTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "MLPAPITests",
            dependencies: ["MLPAPI", "HTTP", "FuzzTestSupport", .product(name: "Prometheus", package: "swift-prometheus")],
            swiftSettings: swiftSettings
        ),
        .target(name: "MariaDBTestSupport", dependencies: ["MariaDB"], path: "Tests/MariaDBTestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "MariaDBTests", dependencies: ["MariaDB", "MariaDBTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "InferenceTests", dependencies: ["Inference", "FuzzTestSupport"], exclude: ["Fixtures"], swiftSettings: swiftSettings
        ),
        .testTarget(name: "EndToEndTests", exclude: ["Fixtures"], swiftSettings: swiftSettings),
        .testTarget(
            name: "MLPInferenceTests", dependencies: ["MLPInference", "MLPDomain", "Inference"], swiftSettings: swiftSettings
        ),
        .testTarget(name: "MLPDomainTests", dependencies: ["MLPDomain", "FuzzTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "MLPDataTests", dependencies: ["MLPData", "MLPDomain", "MariaDB", "MariaDBTestSupport"], swiftSettings: swiftSettings),
    ]
)
