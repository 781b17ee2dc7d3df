# CocoaPods spec of the iOS part of @dolbyio/react-native-iapi-sdk (New Architecture TurboModule).
# React Native autolinking (`pod install` in the app's ios/) picks this file up: it is named after
# the package folder (react-native-iapi-sdk), as the CLI's podspec lookup prefers.
#
#   ios/DolbyIoIAPI.mm              the TurboModule (codegen spec RNDolbyIoIAPISpec), React glue only
#   ios/DolbyIoIAPIAdapter.swift    its Objective-C-facing Swift adapter
#   ios/Impl/*.swift                the React-free implementation (tested on Linux: scripts/test-ios.sh)
#   bindings/generated/swift/IapiCore.swift   the uniffi Swift bindings of the Rust core
#   ios/PrivacyInfo.xcprivacy      Apple's privacy manifest (resource bundle react-native-iapi-sdk_Privacy)
#   ios/Frameworks/IapiCoreFFI.xcframework    the Rust core (static libraries + the FFI header and
#                                   its module map), built by scripts/build-ios.sh on macOS
require "json"

package = JSON.parse(File.read(File.join(__dir__, "package.json")))

Pod::Spec.new do |s|
  s.name         = "react-native-iapi-sdk"
  s.version      = package["version"]
  s.summary      = package["description"]
  s.homepage     = package["homepage"] || "https://github.com/dolbyio/react-native-iapi-sdk"
  s.license      = package["license"]
  s.authors      = package["author"] || "Dolby Laboratories"
  s.source       = { :git => "https://github.com/dolbyio/react-native-iapi-sdk.git", :tag => "v#{s.version}" }

  s.platforms    = { :ios => "15.1" }
  s.swift_version = "5.0" # Swift 5 language mode (Swift 6 mode crashed swiftc 6.0.3 on the bindings)
  s.static_framework = true

  s.source_files = [
    "ios/*.{mm,swift}",
    "ios/Impl/*.swift",
    "bindings/generated/swift/IapiCore.swift",
  ]
  # Apple's privacy manifest of the SDK (the required-reason APIs its Rust core reaches, generated
  # from plugin/privacy-manifest.json), in a resource bundle of its own, as Apple asks of SDKs
  # linked statically: Xcode's privacy report and App Store Connect read it from there.
  s.resource_bundles = { "react-native-iapi-sdk_Privacy" => ["ios/PrivacyInfo.xcprivacy"] }
  # No headers on purpose: the codegen header the .mm imports is Objective-C++ only and must stay
  # out of the pod's umbrella header, which Swift imports.

  # The Rust core. Its Headers/ carry IapiCoreFFI.h and module.modulemap (module IapiCoreFFI),
  # which the generated bindings import. CocoaPods copies a library xcframework's headers under
  # PODS_XCFRAMEWORKS_BUILD_DIR (by pod name since CocoaPods 1.11, by xcframework name before).
  xcframework = "ios/Frameworks/IapiCoreFFI.xcframework"
  unless File.exist?(File.join(__dir__, xcframework, "Info.plist"))
    raise "react-native-iapi-sdk: the Rust core is missing from this copy of the package: no " \
          "#{xcframework} in #{__dir__}. Install a released version of " \
          "@dolbyio/react-native-iapi-sdk (it ships the xcframework), or, in a clone of the " \
          "repository, build it on macOS with `bash scripts/build-ios.sh`, then run `pod install` again."
  end
  s.vendored_frameworks = xcframework
  ffi_headers = [
    '"${PODS_XCFRAMEWORKS_BUILD_DIR}/react-native-iapi-sdk/Headers"',
    '"${PODS_XCFRAMEWORKS_BUILD_DIR}/IapiCoreFFI/Headers"',
  ].join(" ")
  s.pod_target_xcconfig = {
    "HEADER_SEARCH_PATHS" => ffi_headers,
    "SWIFT_INCLUDE_PATHS" => "$(inherited) #{ffi_headers}",
    "DEFINES_MODULE" => "YES",
  }

  if respond_to?(:install_modules_dependencies, true)
    install_modules_dependencies(s)
  else
    raise "react-native-iapi-sdk needs React Native >= 0.80 with the New Architecture (install_modules_dependencies)"
  end
end
