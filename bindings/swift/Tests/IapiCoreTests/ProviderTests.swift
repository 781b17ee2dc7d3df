// A Swift async AccessTokenProvider passed to initializeToken.
import Foundation
import IapiCore
import XCTest

final class ProviderTests: EmulatorTestCase {
    func testNullTokenCallsProviderOnceWithIsExpiredBeforeReturning() async throws {
        let provider = TestProvider.minting()
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        let ok = try await sdk.initializeToken(accessToken: nil, provider: provider)
        XCTAssertTrue(ok)
        XCTAssertEqual(provider.calls.get().map(\.isExpired), [true])

        _ = try await sdk.session().open(info: nil)
        try await sdk.session().close()
        XCTAssertEqual(provider.callCount, 1, "a valid token is reused")
    }

    func testUnusableInitialTokenCallsProviderWithIsExpired() async throws {
        for initial in ["not-a-jwt", try await Emulator.mint(ttlSecs: -10)] {
            let provider = TestProvider.minting()
            let sdk = try DolbyIoIapi(config: emulatorConfig())
            _ = try await sdk.initializeToken(accessToken: initial, provider: provider)
            XCTAssertEqual(provider.calls.get().map(\.isExpired), [true], initial)
        }
    }

    func testValidTokenIsUsedWithoutCallingProvider() async throws {
        let provider = TestProvider.minting()
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        _ = try await sdk.initializeToken(accessToken: try await Emulator.mint(ttlSecs: 600), provider: provider)
        _ = try await sdk.session().open(info: nil)
        try await sdk.session().close()
        XCTAssertEqual(provider.callCount, 0)
    }

    func testTwoSecondTokenIsRefreshedProactivelyNearOneSecond() async throws {
        // JWT times are whole seconds: mint just after a wall-clock second boundary so that
        // iat is (almost exactly) now and the half-life milestone is ~1 s away.
        let now = Date().timeIntervalSince1970
        let toBoundary = ceil(now) - now + 0.02
        try await Task.sleep(nanoseconds: UInt64(toBoundary * 1e9))
        let minted = Date()
        let token = try await Emulator.mint(ttlSecs: 2)

        let provider = TestProvider.minting(ttlSecs: 600)
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        _ = try await sdk.initializeToken(accessToken: token, provider: provider)
        XCTAssertEqual(provider.callCount, 0, "a valid token is not refreshed at once")

        let called = await eventually(timeout: 3) { provider.callCount >= 1 }
        XCTAssertTrue(called, "no proactive refresh")
        let first = provider.calls.get()[0]
        XCTAssertFalse(first.isExpired)
        let after = first.at.timeIntervalSince(minted)
        // 1/2 of the ~2 s left, jittered up to 1/6 of it (333 ms) earlier.
        XCTAssertGreaterThan(after, 0.6, "refreshed too early: \(after) s")
        XCTAssertLessThan(after, 1.6, "refreshed too late: \(after) s")
        print("proactive refresh of a 2 s token after \(String(format: "%.3f", after)) s")

        // The new token lives 600 s: no further call soon; the SDK keeps working.
        try await Task.sleep(nanoseconds: 1_500_000_000)
        XCTAssertEqual(provider.callCount, 1)
        _ = try await sdk.session().open(info: nil)
        try await sdk.session().close()
    }

    func testSecondInitializeReplacesTheProvider() async throws {
        let first = TestProvider.minting()
        let second = TestProvider.minting()
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        _ = try await sdk.initializeToken(accessToken: nil, provider: first)
        let token = try await Emulator.mint(ttlSecs: 600)
        _ = try await sdk.initializeToken(accessToken: token, provider: second)
        try await Emulator.revoke(token)
        // identify gets a 401 with the revoked token: one refresh, from the new provider, then a retry.
        _ = try await sdk.session().open(info: nil)
        try await sdk.session().close()
        XCTAssertEqual(first.callCount, 1)
        XCTAssertEqual(second.calls.get().map(\.isExpired), [false])
    }

    func testRejectedTwiceIsUnauthorized() async throws {
        // The provider hands out tokens that are revoked at once: refresh + retry, then UNAUTHORIZED.
        let provider = TestProvider { _ in
            let token = try await Emulator.mint(ttlSecs: 600)
            try await Emulator.revoke(token)
            return token
        }
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        _ = try await sdk.initializeToken(accessToken: nil, provider: provider)
        await assertIapiError("UNAUTHORIZED") { try await sdk.session().open(info: nil) }
        XCTAssertEqual(provider.callCount, 2)
    }
}
