// swift-tools-version: 6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Ferry",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ferry", targets: ["ferry"]),
        .library(name: "FerryKit", targets: ["FerryKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C libraries, each behind its own tiny system-library target.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),

        // One system call the C library declares only for `_GNU_SOURCE` (see the header).
        .target(name: "CFerrySystem"),

        // Stage libraries: diagnostics, then syntax, then everything above it.
        .target(name: "FerryDiagnostics", swiftSettings: strict),
        .target(
            name: "FerrySyntax",
            dependencies: ["FerryDiagnostics", "CLibYAML", "CLibXML2"],
            swiftSettings: strict
        ),
        .target(
            name: "FerryKit",
            dependencies: ["FerryDiagnostics", "FerrySyntax", "CFerrySystem"],
            swiftSettings: strict
        ),

        // The thin command-line front door.
        .executableTarget(
            name: "ferry",
            dependencies: [
                "FerryKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // `swift run -c release ferry-benchmarks`
        .executableTarget(
            name: "ferry-benchmarks",
            dependencies: ["FerryKit", "FerrySyntax", "CLibYAML", "CLibXML2"],
            path: "Benchmarks",
            swiftSettings: strict
        ),

        .testTarget(
            name: "FerryTests",
            dependencies: ["FerryKit", "FerrySyntax", "FerryDiagnostics", "ferry"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
