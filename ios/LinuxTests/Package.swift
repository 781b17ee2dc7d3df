// swift-tools-version:6.0
// Linux test harness of the React-free part of the iOS module (ios/Impl/*.swift), against the
// uniffi-generated Swift bindings, the host-built libiapi_core.so and a real emulator.
//
// Assembled by scripts/test-ios.sh inside the Swift chroot; the copied files are gitignored:
//   Sources/IapiCoreFFI/IapiCoreFFI.h                <- bindings/generated/swift/IapiCoreFFI.h
//   Sources/DolbyIoIAPIImpl/IapiCore.swift           <- bindings/generated/swift/IapiCore.swift
//   Sources/DolbyIoIAPIImpl/*.swift                  <- ios/Impl/*.swift
// One target holds the generated bindings and the implementation, as the pod does on iOS
// (where both compile into the pod's Swift module). Swift 5 language mode, as bindings/swift.
import Foundation
import PackageDescription

let libDir = ProcessInfo.processInfo.environment["IAPI_CORE_LIB_DIR"]
    ?? "\(Context.packageDirectory)/lib"

let package = Package(
    name: "DolbyIoIAPIImplLinux",
    targets: [
        // The C header of the FFI; module.modulemap (committed) links libiapi_core.
        .systemLibrary(name: "IapiCoreFFI", path: "Sources/IapiCoreFFI"),
        .target(
            name: "DolbyIoIAPIImpl",
            dependencies: ["IapiCoreFFI"],
            path: "Sources/DolbyIoIAPIImpl",
            linkerSettings: [
                .unsafeFlags(["-L\(libDir)", "-Xlinker", "-rpath", "-Xlinker", libDir]),
            ]
        ),
        .testTarget(
            name: "DolbyIoIAPIImplTests",
            dependencies: ["DolbyIoIAPIImpl"],
            path: "Tests/DolbyIoIAPIImplTests"
        ),
    ],
    swiftLanguageModes: [.v5]
)
