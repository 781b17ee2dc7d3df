// Swift objects handed to the core are released once the Rust objects holding them go away.
import Foundation
import IapiCore
import XCTest

final class LifetimeTests: EmulatorTestCase {
    func testProvidersAreReleasedWithTheirSdks() async throws {
        let baseline = Live.providers.get()
        let token = try await Emulator.mint(ttlSecs: 600)
        for i in 0..<200 {
            // Scoped so that the SDK and provider references end each iteration.
            try await useSdkOnce(token: i % 4 == 0 ? nil : token)
        }
        let released = await eventually(timeout: 5) { Live.providers.get() == baseline }
        XCTAssertTrue(released, "live providers: \(Live.providers.get() - baseline) of 200")
        XCTAssertEqual(uniffiForeignFutureHandleCountIapiCore(), 0, "foreign futures left behind")
    }

    private func useSdkOnce(token: String?) async throws {
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        _ = try await sdk.initializeToken(accessToken: token, provider: TestProvider.minting())
    }

    func testReplacedProviderIsReleased() async throws {
        let baseline = Live.providers.get()
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        let token = try await Emulator.mint(ttlSecs: 600)
        for _ in 0..<20 {
            _ = try await sdk.initializeToken(accessToken: token, provider: TestProvider.minting())
        }
        let onlyLast = await eventually { Live.providers.get() == baseline + 1 }
        XCTAssertTrue(onlyLast, "live providers: \(Live.providers.get() - baseline), expected 1")
        withExtendedLifetime(sdk) {}
        _ = await eventually { Live.providers.get() == baseline }
    }

    func testListenersAreReleasedWithTheirBridges() async throws {
        let baseline = Live.listeners.get()
        for _ in 0..<500 {
            let bridge = TokenRequestBridge(timeoutMs: 1_000)
            bridge.setListener(listener: RecordingListener())
            _ = bridge.asProvider()
        }
        XCTAssertEqual(Live.listeners.get(), baseline)

        // Detaching releases the listener while the bridge lives on.
        let bridge = TokenRequestBridge(timeoutMs: 1_000)
        bridge.setListener(listener: RecordingListener())
        XCTAssertEqual(Live.listeners.get(), baseline + 1)
        bridge.setListener(listener: nil)
        XCTAssertEqual(Live.listeners.get(), baseline)
    }

    func testBridgeListenerReleasedAfterUseWithSdk() async throws {
        let baseline = Live.listeners.get()
        for _ in 0..<50 {
            try await useBridgeOnce()
        }
        let released = await eventually { Live.listeners.get() == baseline }
        XCTAssertTrue(released, "live listeners: \(Live.listeners.get() - baseline)")
    }

    private func useBridgeOnce() async throws {
        let bridge = TokenRequestBridge(timeoutMs: 5_000)
        let listener = RecordingListener()
        bridge.setListener(listener: listener)
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        let initialized = Task { try await sdk.initializeToken(accessToken: nil, provider: bridge.asProvider()) }
        let id = try await listener.waitFor(1).request.requestId
        let fresh = try await Emulator.mint(ttlSecs: 600)
        XCTAssertTrue(bridge.resolve(requestId: id, accessToken: fresh))
        _ = try await initialized.value
    }
}
