import UIKit
import React
import React_RCTAppDelegate
import ReactAppDependencyProvider
import react_native_iapi_sdk

@main
class AppDelegate: UIResponder, UIApplicationDelegate {
  var window: UIWindow?

  var reactNativeDelegate: ReactNativeDelegate?
  var reactNativeFactory: RCTReactNativeFactory?

  func application(
    _ application: UIApplication,
    didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]? = nil
  ) -> Bool {
#if DEBUG
    // Development only: the SDK talks to the local IAPI emulator instead of the production
    // hosts (http is accepted for loopback hosts only). Override with the IAPI_BASE_URL
    // environment variable (SIMCTL_CHILD_IAPI_BASE_URL for `xcrun simctl launch`).
    DolbyIoIAPIAdapter.configure(
      baseUrl: ProcessInfo.processInfo.environment["IAPI_BASE_URL"] ?? "http://127.0.0.1:8080",
      callbackTimeoutMs: 0 // 0: the SDK's default
    )
#endif
    let delegate = ReactNativeDelegate()
    let factory = RCTReactNativeFactory(delegate: delegate)
    delegate.dependencyProvider = RCTAppDependencyProvider()

    reactNativeDelegate = delegate
    reactNativeFactory = factory

    window = UIWindow(frame: UIScreen.main.bounds)

    factory.startReactNative(
      withModuleName: "IapiExample",
      in: window,
      launchOptions: launchOptions
    )

    return true
  }

  // Deep links (iapiexample://smoke?...) reach React Native's Linking.
  func application(
    _ app: UIApplication,
    open url: URL,
    options: [UIApplication.OpenURLOptionsKey: Any] = [:]
  ) -> Bool {
    RCTLinkingManager.application(app, open: url, options: options)
  }
}

class ReactNativeDelegate: RCTDefaultReactNativeFactoryDelegate {
  override func sourceURL(for bridge: RCTBridge) -> URL? {
    self.bundleURL()
  }

  override func bundleURL() -> URL? {
#if DEBUG
    RCTBundleURLProvider.sharedSettings().jsBundleURL(forBundleRoot: "index")
#else
    Bundle.main.url(forResource: "main", withExtension: "jsbundle")
#endif
  }
}
