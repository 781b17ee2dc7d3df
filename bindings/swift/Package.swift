// swift-tools-version:6.0
// Host (Linux) test harness for the uniffi-generated Swift bindings of iapi-core.
//
// The generated files are not committed here: scripts/test-swift.sh copies
// bindings/generated/swift/* into the gitignored paths below, and libiapi_core.so into lib/
// (or set IAPI_CORE_LIB_DIR). Swift 5 language mode: Swift 6 mode crashed swiftc 6.0.3 on
// uniffi's output.
//   Sources/IapiCoreFFI/IapiCoreFFI.h     <- bindings/generated/swift/IapiCoreFFI.h
//   Sources/IapiCore/Generated/IapiCore.swift <- bindings/generated/swift/IapiCore.swift
import Foundation
import PackageDescription

let libDir = ProcessInfo.processInfo.environment["IAPI_CORE_LIB_DIR"]
    ?? "\(Context.packageDirectory)/lib"

let package = Package(
    name: "IapiCoreSwift",
    products: [
        .library(name: "IapiCore", targets: ["IapiCore"]),
    ],
    targets: [
        // The C header of the FFI; module.modulemap (committed) links libiapi_core.
        .systemLibrary(name: "IapiCoreFFI", path: "Sources/IapiCoreFFI"),
        // The generated Swift bindings, untouched.
        .target(
            name: "IapiCore",
            dependencies: ["IapiCoreFFI"],
            path: "Sources/IapiCore",
            linkerSettings: [
                .unsafeFlags(["-L\(libDir)", "-Xlinker", "-rpath", "-Xlinker", libDir]),
            ]
        ),
        .testTarget(
            name: "IapiCoreTests",
            dependencies: ["IapiCore"],
            path: "Tests/IapiCoreTests"
        ),
    ],
    swiftLanguageModes: [.v5]
)
