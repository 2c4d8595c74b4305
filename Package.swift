// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "retake-coach",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "retake-coach", targets: ["retake-coach"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibedit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(
            name: "RuleEngine",
            dependencies: ["CLibYAML"]
        ),
        .target(
            name: "Coach",
            dependencies: ["RuleEngine"]
        ),
        // The content packs under rules/, bundled so the binary works from
        // any folder.
        .target(
            name: "RulePacks",
            path: "rules",
            sources: ["RulePacks.swift"],
            resources: [.copy("ai102"), .copy("ai103")]
        ),
        .executableTarget(
            name: "retake-coach",
            dependencies: [
                "Coach",
                "RuleEngine",
                "RulePacks",
                "CLibedit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The seeded mutation fuzzer the fuzz tests share (make test, make fuzz).
        .target(
            name: "FuzzSupport",
            path: "Tests/FuzzSupport"
        ),
        // The benchmark driver (make bench); not part of the product.
        .executableTarget(
            name: "rule-bench",
            dependencies: ["RuleEngine", "Coach"],
            path: "Benchmarks/RuleBench"
        ),
        .testTarget(
            name: "RuleEngineTests",
            dependencies: [
                "RuleEngine",
                "FuzzSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "CoachTests",
            dependencies: [
                "Coach",
                "RulePacks",
                "FuzzSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "RetakeCoachTests",
            dependencies: ["retake-coach"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
