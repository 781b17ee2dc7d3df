// Token requests through the host's bridge, as the React Native shim sees them: initializeToken
// and every refresh emit onAccessTokenRequest {requestId, isExpired} on a core thread; the test
// answers with resolveAccessTokenRequest / rejectAccessTokenRequest from other threads, as a shim
// does with JS's answer.
import Foundation
import IapiCore
import XCTest

final class TokenRequestTests: EmulatorTestCase {
    func testNullTokenIsRequestedOnACoreThreadAndTheAnswerIsUsed() async throws {
        let testThread = pthread_self()
        let events = RecordingEvents()
        let host = makeHost(events)
        async let initialized = host.initializeToken(accessToken: nil)
        let delivery = try await events.waitForRequest(1)
        XCTAssertTrue(delivery.request.isExpired, "no token yet")
        XCTAssertFalse(delivery.request.requestId.isEmpty)
        XCTAssertFalse(delivery.isMainThread, "delivered on the main thread")
        XCTAssertEqual(pthread_equal(delivery.thread, testThread), 0, "delivered on the test's thread")
        XCTAssertTrue(delivery.threadName.hasPrefix("iapi-core"), "delivered on: \(delivery.threadName)")

        // Answers to ids the host never issued are ignored: the request still waits.
        host.resolveAccessTokenRequest(requestId: "no-such-request", accessToken: "not-a-token")
        host.rejectAccessTokenRequest(requestId: "no-such-request", reason: "x")
        let waiting = try await host.getTokenState()
        XCTAssertEqual(waiting.state, "REFRESHING")

        let token = try await Emulator.mint(ttlSecs: 600)
        let id = delivery.request.requestId
        await onAnotherThread { host.resolveAccessTokenRequest(requestId: id, accessToken: token) }
        let ok = try await initialized
        XCTAssertTrue(ok)
        // At most one answer: a late one to the same id changes nothing.
        let valid = try await host.getTokenState()
        host.rejectAccessTokenRequest(requestId: id, reason: "late")
        host.resolveAccessTokenRequest(requestId: id, accessToken: "not-a-token")
        let still = try await host.getTokenState()
        XCTAssertEqual(still, valid)

        // The core uses the token, and reuses it while it is valid.
        _ = try await host.sessionOpen(info: nil)
        try await host.sessionClose()
        XCTAssertEqual(events.requests.count, 1)
    }

    func testAnUnusableInitialTokenIsRequestedWithIsExpiredAndAValidOneAsksNothing() async throws {
        for initial in ["not-a-jwt", try await Emulator.mint(ttlSecs: -10)] {
            let events = RecordingEvents()
            let host = makeHost(events)
            events.answerWithMintedTokens(host)
            let ok = try await host.initializeToken(accessToken: initial)
            XCTAssertTrue(ok)
            XCTAssertEqual(events.requests.map(\.isExpired), [true], initial)
        }
        let events = RecordingEvents()
        let host = makeHost(events)
        _ = try await host.initializeToken(accessToken: try await Emulator.mint(ttlSecs: 600))
        _ = try await host.sessionOpen(info: nil)
        try await host.sessionClose()
        XCTAssertEqual(events.requests.count, 0)
    }

    func testANewInitializeCancelsThePendingRequestAndARevokedTokenAsksWithIsExpiredFalse() async throws {
        let events = RecordingEvents()
        let host = makeHost(events)
        let first = Task { try await host.initializeToken(accessToken: nil) }
        let old = try await events.waitForRequest(1).request

        let token = try await Emulator.mint(ttlSecs: 600)
        let ok = try await host.initializeToken(accessToken: token)
        XCTAssertTrue(ok)
        let error = await assertIapiError("CANCELLED") { try await first.value }
        guard case .Cancelled = error else { return XCTFail("\(String(describing: error))") }
        // The old id is unknown now: its answer does not replace the new token.
        let valid = try await host.getTokenState()
        host.resolveAccessTokenRequest(requestId: old.requestId, accessToken: "not-a-token")
        let still = try await host.getTokenState()
        XCTAssertEqual(still, valid)

        // identify gets a 401 with the revoked token: one request (not expired), answered from a
        // GCD thread, then a retry that succeeds.
        try await Emulator.revoke(token)
        events.answerWithMintedTokens(host)
        _ = try await host.sessionOpen(info: nil)
        try await host.sessionClose()
        XCTAssertEqual(events.requests.map(\.isExpired), [true, false])
        XCTAssertNotEqual(events.requests[1].requestId, old.requestId)
        XCTAssertTrue(events.tokenStates.contains { $0.refresh?.trigger == "UNAUTHORIZED" },
                      "\(events.tokenStates.map { $0.refresh?.trigger })")
    }

    func testRejectionIsTokenRefreshFailedWithTheReason() async throws {
        let events = RecordingEvents()
        let host = makeHost(events)
        let initialized = Task { try await host.initializeToken(accessToken: nil) }
        let id = try await events.waitForRequest(1).request.requestId
        await onAnotherThread { host.rejectAccessTokenRequest(requestId: id, reason: "user signed out") }
        let error = await assertIapiError("TOKEN_REFRESH_FAILED") { try await initialized.value }
        XCTAssertEqual(error, .TokenRefreshFailed(reason: "user signed out"))
        let state = try await host.getTokenState()
        XCTAssertEqual(state.refresh?.outcome, "FAILED", "\(state)")
        XCTAssertEqual(state.refresh?.errorCode, "TOKEN_REFRESH_FAILED")
    }

    func testAnUnansweredRequestTimesOutAndItsLateAnswerIsIgnored() async throws {
        let events = RecordingEvents()
        let host = makeHost(events, config: emulatorConfig(callbackTimeoutMs: 300))
        await assertIapiError("TIMEOUT") { try await host.initializeToken(accessToken: nil) }
        let late = try await events.waitForRequest(1).request
        host.resolveAccessTokenRequest(requestId: late.requestId, accessToken: try await Emulator.mint())
        let state = try await host.getTokenState()
        XCTAssertNotEqual(state.state, "VALID", "a late answer was used")

        // The next call asks again, with a new id.
        events.answerWithMintedTokens(host)
        _ = try await host.sessionOpen(info: nil)
        try await host.sessionClose()
        XCTAssertEqual(events.requests.count, 2)
        XCTAssertEqual(Set(events.requests.map(\.requestId)).count, 2)
    }

    func testAnswersThatAreNoUsableTokenFailTheRefresh() async throws {
        let events = RecordingEvents()
        let host = makeHost(events)
        let expired = try await Emulator.mint(ttlSecs: -5)
        let answers = [("", "empty"), ("   ", "empty"), ("hello", "not a JWT"), ("a.b.c", "not a JWT"), (expired, "expired")]
        for (n, (answer, expected)) in answers.enumerated() {
            let initialized = Task { try await host.initializeToken(accessToken: nil) }
            let id = try await events.waitForRequest(n + 1).request.requestId
            host.resolveAccessTokenRequest(requestId: id, accessToken: answer)
            let error = await assertIapiError("TOKEN_REFRESH_FAILED") { try await initialized.value }
            XCTAssertTrue(error?.reason.contains(expected) ?? false, "\(answer): \(String(describing: error))")
        }
    }

    func testEventsThatThrowFailTheRequestAtOnce() async throws {
        // A long callback timeout: the failure must come from the refused delivery (code
        // TOKEN_REFRESH_FAILED), not from waiting (TIMEOUT).
        let events = RecordingEvents()
        let host = makeHost(events, config: emulatorConfig(callbackTimeoutMs: 20_000))
        let thrown: [any Error & Sendable] = [IapiError.InvalidState(reason: "no JS listener"), SomeSwiftError()]
        for error in thrown {
            events.onRequest.update { $0 = { _ in throw error } }
            let failed = await assertIapiError("TOKEN_REFRESH_FAILED") { try await host.initializeToken(accessToken: nil) }
            XCTAssertTrue(failed?.reason.contains("could not be delivered") ?? false, "\(String(describing: failed))")
        }
        XCTAssertEqual(events.requests.count, 2)

        // The host is still usable once its events deliver again.
        events.answerWithMintedTokens(host)
        let ok = try await host.initializeToken(accessToken: nil)
        XCTAssertTrue(ok)
    }

    func testTokensRejectedByThePlatformTwiceAreUnauthorized() async throws {
        // Every answer is a token revoked at once: refresh + retry after the 401, then UNAUTHORIZED.
        let events = RecordingEvents()
        let host = makeHost(events)
        events.answerWithMintedTokens(host, revoked: true)
        _ = try await host.initializeToken(accessToken: nil)
        await assertIapiError("UNAUTHORIZED") { try await host.sessionOpen(info: nil) }
        XCTAssertEqual(events.requests.map(\.isExpired), [true, false])
    }

    func testAShortLivedTokenIsRequestedAgainBeforeItExpires() async throws {
        let events = RecordingEvents()
        let host = makeHost(events)
        events.answerWithMintedTokens(host, ttlSecs: 600)
        _ = try await host.initializeToken(accessToken: try await Emulator.mint(ttlSecs: 2))
        let planned = try await host.getTokenState()
        let expiresAt = try XCTUnwrap(planned.expiresAt)
        let next = try XCTUnwrap(planned.nextRefreshAt)
        // At 1/2 of the time left (at most 2 s), moved up to 1/6 of it earlier.
        XCTAssertLessThan(next, expiresAt)
        XCTAssertLessThanOrEqual(expiresAt - next, 1_400, "\(planned)")

        let first = try await events.waitForRequest(1)
        XCTAssertFalse(first.request.isExpired, "the scheduled refresh came only at expiry")
        let early = ["HALF_LIFE", "THREE_QUARTERS"]
        try await events.wait("a token from an early refresh") {
            events.tokenStates.contains { $0.state == "VALID" && early.contains($0.refresh?.trigger ?? "") }
        }
        let renewed = try await host.getTokenState()
        XCTAssertGreaterThan(try XCTUnwrap(renewed.expiresAt), expiresAt + 500_000, "the 600 s token")
        _ = try await host.sessionOpen(info: nil)
        try await host.sessionClose()
        XCTAssertEqual(events.requests.count, 1)
    }
}
