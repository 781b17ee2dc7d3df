// Swift objects handed to the core are released once the Rust objects holding them go away:
// uniffi keeps foreign trait objects in a handle map until Rust drops its last Arc.
import Foundation
import IapiCore
import XCTest

final class LifetimeTests: EmulatorTestCase {
    func testProvidersAreReleasedWithTheirSdks() async throws {
        let counter = LiveCounter()
        let token = try await Emulator.mint(ttlSecs: 600)
        for i in 0..<200 {
            // A function call per iteration, so the SDK and provider references end with it.
            try await useSdkOnce(token: i % 4 == 0 ? nil : token, counter: counter)
        }
        XCTAssertEqual(counter.created.get(), 200)
        let released = await eventually { counter.live == 0 }
        XCTAssertTrue(released, "providers still alive: \(counter.live) of 200")
        XCTAssertEqual(uniffiForeignFutureHandleCountIapiCore(), 0, "foreign futures left behind")
    }

    private func useSdkOnce(token: String?, counter: LiveCounter) async throws {
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        _ = try await sdk.initializeToken(accessToken: token, provider: TestProvider.minting(counter: counter))
        _ = try await sdk.session().open(info: nil)
        try await sdk.session().close()
    }

    func testReplacedProviderIsReleasedAndTheLastOneWithTheSdk() async throws {
        let counter = LiveCounter()
        try await replaceProviders(counter: counter)
        let released = await eventually { counter.live == 0 }
        XCTAssertTrue(released, "providers still alive: \(counter.live)")
    }

    private func replaceProviders(counter: LiveCounter) async throws {
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        let token = try await Emulator.mint(ttlSecs: 600)
        for _ in 0..<20 {
            _ = try await sdk.initializeToken(accessToken: token, provider: TestProvider.minting(counter: counter))
        }
        let onlyLast = await eventually { counter.live == 1 }
        XCTAssertTrue(onlyLast, "providers alive while the SDK lives: \(counter.live), expected 1")
        withExtendedLifetime(sdk) {}
    }

    func testListenersAreReleasedWithTheirBridgesOrSubscriptions() async throws {
        let counter = LiveCounter()
        for _ in 0..<500 {
            let bridge = TokenRequestBridge(timeoutMs: 1_000)
            let subscription = bridge.subscribe(listener: RecordingListener(counter: counter))
            _ = bridge.asProvider()
            withExtendedLifetime(subscription) {}
        }
        XCTAssertEqual(counter.created.get(), 500)
        XCTAssertEqual(counter.live, 0)

        // Cancelling releases the listener while the bridge lives on; so does releasing the
        // subscription.
        let bridge = TokenRequestBridge(timeoutMs: 1_000)
        let subscription = bridge.subscribe(listener: RecordingListener(counter: counter))
        XCTAssertEqual(counter.live, 1)
        subscription.cancel()
        XCTAssertEqual(counter.live, 0)
        subscription.cancel() // idempotent
        do {
            let dropped = bridge.subscribe(listener: RecordingListener(counter: counter))
            XCTAssertEqual(counter.live, 1)
            withExtendedLifetime(dropped) {}
        }
        XCTAssertEqual(counter.live, 0)
        // A newer subscription replaces the older one (released); dropping the older then does nothing.
        let first = bridge.subscribe(listener: RecordingListener(counter: counter))
        let second = bridge.subscribe(listener: RecordingListener(counter: counter))
        XCTAssertEqual(counter.live, 1)
        first.cancel()
        XCTAssertEqual(counter.live, 1, "cancelling a replaced subscription removed the newer listener")
        second.cancel()
        XCTAssertEqual(counter.live, 0)
        withExtendedLifetime(bridge) {}
    }

    func testBridgeAndListenerReleasedAfterUseWithSdk() async throws {
        let counter = LiveCounter()
        for _ in 0..<50 {
            try await useBridgeOnce(counter: counter)
        }
        XCTAssertEqual(counter.created.get(), 50)
        let released = await eventually { counter.live == 0 }
        XCTAssertTrue(released, "listeners still alive: \(counter.live)")
    }

    private func useBridgeOnce(counter: LiveCounter) async throws {
        let bridge = TokenRequestBridge(timeoutMs: 5_000)
        let listener = RecordingListener(counter: counter)
        let subscription = bridge.subscribe(listener: listener)
        defer { withExtendedLifetime(subscription) {} }
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        let initialized = Task { try await sdk.initializeToken(accessToken: nil, provider: bridge.asProvider()) }
        let id = try await listener.waitFor(1).request.requestId
        let fresh = try await Emulator.mint(ttlSecs: 600)
        XCTAssertTrue(bridge.resolve(requestId: id, accessToken: fresh))
        _ = try await initialized.value
    }
}
