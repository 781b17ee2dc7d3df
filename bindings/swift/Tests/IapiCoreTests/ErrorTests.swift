// Every error kind reaches Swift as the typed IapiError case with its shared code.
import Foundation
import IapiCore
import XCTest

final class ErrorTests: EmulatorTestCase {
    func testInvalidArgument() async throws {
        let error = await assertIapiError("INVALID_ARGUMENT") {
            try DolbyIoIapi(config: configForBaseUrl(baseUrl: "http://10.0.0.1"))
        }
        guard case .InvalidArgument = error else { return XCTFail("\(String(describing: error))") }
    }

    func testNotInitialized() async throws {
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        await assertIapiError("NOT_INITIALIZED") { try await sdk.session().open(info: nil) }
    }

    func testInvalidState() async throws {
        let sdk = try await initializedSdk()
        _ = try await sdk.session().open(info: nil)
        let error = await assertIapiError("INVALID_STATE") { try await sdk.session().open(info: nil) }
        XCTAssertTrue(error?.reason.contains("already open") ?? false, "\(String(describing: error))")
        try await sdk.session().close()
        await assertIapiError("INVALID_STATE") { try sdk.session().participant() }
    }

    func testUnauthorized() async throws {
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        await assertIapiError("UNAUTHORIZED") {
            try await sdk.initialize(consumerKey: "no-such-key", consumerSecret: "x")
        }
    }

    func testTokenRefreshFailedForEmptyAndNonJwtTokens() async throws {
        for (answer, expected) in [("", "empty"), ("   ", "empty"), ("hello", "not a JWT"), ("a.b.c", "not a JWT")] {
            let provider = TestProvider { _ in answer }
            let sdk = try DolbyIoIapi(config: emulatorConfig())
            let error = await assertIapiError("TOKEN_REFRESH_FAILED") {
                try await sdk.initializeToken(accessToken: nil, provider: provider)
            }
            XCTAssertTrue(error?.reason.contains(expected) ?? false, "\(answer): \(String(describing: error))")
        }
    }

    func testTokenRefreshFailedForExpiredToken() async throws {
        let expired = try await Emulator.mint(ttlSecs: -5)
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        let error = await assertIapiError("TOKEN_REFRESH_FAILED") {
            try await sdk.initializeToken(accessToken: nil, provider: TestProvider { _ in expired })
        }
        XCTAssertTrue(error?.reason.contains("expired") ?? false, "\(String(describing: error))")
    }

    func testArbitrarySwiftErrorIsTokenRefreshFailed() async throws {
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        let error = await assertIapiError("TOKEN_REFRESH_FAILED") {
            try await sdk.initializeToken(accessToken: nil, provider: TestProvider { _ in throw SomeSwiftError() })
        }
        XCTAssertTrue(error?.reason.contains("the backend is down") ?? false, "\(String(describing: error))")
        // The SDK is still usable afterwards.
        _ = try await sdk.initializeToken(accessToken: nil, provider: TestProvider.minting())
        _ = try await sdk.session().open(info: nil)
        try await sdk.session().close()
    }

    func testIapiErrorThrownByProviderKeepsItsKind() async throws {
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        let error = await assertIapiError("TOKEN_REFRESH_FAILED") {
            try await sdk.initializeToken(accessToken: nil, provider: TestProvider { _ in
                throw IapiError.TokenRefreshFailed(reason: "user signed out")
            })
        }
        XCTAssertEqual(error, .TokenRefreshFailed(reason: "user signed out"))
    }

    func testTimeoutForHangingProviderCancelsItsTask() async throws {
        let cancelled = Locked(false)
        let sdk = try DolbyIoIapi(config: emulatorConfig(callbackTimeoutMs: 300))
        let started = Date()
        await assertIapiError("TIMEOUT") {
            try await sdk.initializeToken(accessToken: nil, provider: TestProvider.hanging(cancelled: cancelled))
        }
        let took = Date().timeIntervalSince(started)
        XCTAssertGreaterThanOrEqual(took, 0.29)
        XCTAssertLessThan(took, 3)
        // Rust dropped the foreign future: uniffi cancels the Swift task.
        let sawCancel = await eventually(timeout: 3) { cancelled.get() }
        XCTAssertTrue(sawCancel, "the provider's Task was not cancelled")
    }

    func testNetworkForDroppedConnection() async throws {
        try await Emulator.fault(route: "token", kind: "drop", times: 1)
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        let error = await assertIapiError("NETWORK") {
            try await sdk.initialize(consumerKey: appKey, consumerSecret: appSecret)
        }
        guard case .Network = error else { return XCTFail("\(String(describing: error))") }
        // The fault was consumed; the next attempt works.
        let ok = try await sdk.initialize(consumerKey: appKey, consumerSecret: appSecret)
        XCTAssertTrue(ok)
    }

    func testNetworkForClosedPort() async throws {
        let sdk = try DolbyIoIapi(config: configForBaseUrl(baseUrl: "http://127.0.0.1:9"))
        await assertIapiError("NETWORK") {
            try await sdk.initialize(consumerKey: appKey, consumerSecret: appSecret)
        }
    }

    func testServerForStatusFault() async throws {
        let sdk = try await initializedSdk()
        try await Emulator.fault(route: "identify", kind: "status", status: 503, times: 1)
        let error = await assertIapiError("SERVER") { try await sdk.session().open(info: nil) }
        guard case let .Server(status, code, reason) = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(status, 503)
        XCTAssertEqual(code, 0)
        XCTAssertTrue(reason.contains("Injected"), reason)
        XCTAssertFalse(sdk.session().isOpen())
    }

    func testCancelledWhenSecondInitializeSupersedesFirst() async throws {
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        let hanging = TestProvider.hanging()
        let first = Task { try await sdk.initializeToken(accessToken: nil, provider: hanging) }
        let calledFirst = await eventually { hanging.callCount == 1 }
        XCTAssertTrue(calledFirst)

        let replacement = TestProvider.minting()
        let ok = try await sdk.initializeToken(accessToken: nil, provider: replacement)
        XCTAssertTrue(ok)
        let error = await assertIapiError("CANCELLED") { try await first.value }
        guard case .Cancelled = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(replacement.callCount, 1)
        _ = try await sdk.session().open(info: nil)
        try await sdk.session().close()
    }

    func testErrorCodeForEveryCase() {
        let all: [IapiError] = [
            .InvalidArgument(reason: "r"), .NotInitialized, .InvalidState(reason: "r"),
            .Unauthorized(reason: "r"), .TokenRefreshFailed(reason: "r"), .Timeout(what: "w"),
            .Network(reason: "r"), .Server(status: 500, code: nil, reason: "r"), .Cancelled(reason: "r"),
        ]
        XCTAssertEqual(all.map { errorCode(error: $0) }, [
            "INVALID_ARGUMENT", "NOT_INITIALIZED", "INVALID_STATE", "UNAUTHORIZED",
            "TOKEN_REFRESH_FAILED", "TIMEOUT", "NETWORK", "SERVER", "CANCELLED",
        ])
        for e in all { XCTAssertEqual(errorCode(error: e), e.caseCode) }
    }
}
