// The refresh round trip through the module and the real core: the core asks for a token, the
// module emits `onAccessTokenRequest {requestId, isExpired}` (off the main thread), "JS" answers
// through resolve/rejectAccessTokenRequest from another thread. The bridge's policy (ids,
// timeouts, cancellation on replace) is tested in rust-core/tests; here, that the module
// forwards both ways and reports an event it could not deliver.
import DolbyIoIAPIImpl
import Foundation
import XCTest

final class AccessTokenRequestTests: ModuleTestCase {
    func testNullTokenIsRequestedWithIsExpiredAndTheCoreUsesTheAnswer() async throws {
        let m = module()
        js.subscribed.update { $0 = true }
        let initialized = TestPromise()
        m.initializeToken(accessToken: nil, initialized.promise)

        let request = try await js.nextTokenRequest()
        XCTAssertTrue(request.isExpired)
        XCTAssertEqual(Set(request.payload.keys), ["requestId", "isExpired"])
        XCTAssertFalse(initialized.isSettled, "initializeToken settles only after JS answered")

        let token = try await Emulator.mint()
        await onAnotherThread { m.resolveAccessTokenRequest(requestId: request.requestId, accessToken: token) }
        try await initialized.expectTrue()

        // The core uses the token: identify (Bearer) succeeds against the emulator.
        let identifyBefore = try await Emulator.counter("identify")
        let participant = try await object { m.sessionOpen(info: ["name": "Ada", "externalId": "ios-ada"], $0.promise) }
        XCTAssertEqual(Set(participant.keys), ["id", "info"], "the session's participant has no status or type")
        XCTAssertFalse((participant["id"] as? String ?? "").isEmpty)
        let info = try XCTUnwrap(participant["info"] as? [String: Any])
        XCTAssertEqual(info as NSDictionary, ["name": "Ada", "externalId": "ios-ada"] as NSDictionary)
        XCTAssertNil(info["avatarUrl"], "absent keys are absent, never null")
        let identifyAfter = try await Emulator.counter("identify")
        XCTAssertEqual(identifyAfter, identifyBefore + 1)

        let isOpen = try await value { m.sessionIsOpen($0.promise) }
        XCTAssertEqual(isOpen as? Bool, true)
        let fetched = try await object { m.sessionGetParticipant($0.promise) }
        XCTAssertEqual(fetched as NSDictionary, participant as NSDictionary)
        let closed = try await value { m.sessionClose($0.promise) }
        XCTAssertNil(closed, "a Void call resolves nil")
        await js.assertNoEvent()
    }

    func testExpiredTokenAsksWithIsExpiredAndValidTokenAsksNothing() async throws {
        let m = module()
        js.subscribed.update { $0 = true }
        let expired = TestPromise()
        m.initializeToken(accessToken: try await Emulator.mint(ttlSecs: -10), expired.promise)
        let request = try await js.nextTokenRequest()
        XCTAssertTrue(request.isExpired)
        m.resolveAccessTokenRequest(requestId: request.requestId, accessToken: try await Emulator.mint())
        try await expired.expectTrue()

        let valid = TestPromise()
        m.initializeToken(accessToken: try await Emulator.mint(), valid.promise)
        try await valid.expectTrue()
        await js.assertNoEvent()
    }

    func testRejectedRequestFailsWithTokenRefreshFailedAndJsReason() async throws {
        let m = module()
        js.subscribed.update { $0 = true }
        let initialized = TestPromise()
        m.initializeToken(accessToken: nil, initialized.promise)
        let request = try await js.nextTokenRequest()
        await onAnotherThread { m.rejectAccessTokenRequest(requestId: request.requestId, reason: "backend down") }
        let rejection = try await initialized.rejection()
        XCTAssertEqual(rejection.code, "TOKEN_REFRESH_FAILED")
        XCTAssertTrue(rejection.message.contains("backend down"), rejection.message)
    }

    func testAnswersBeforeAnyCallOrToUnknownOrAnsweredRequestsAreIgnored() async throws {
        let m = module()
        js.subscribed.update { $0 = true }
        m.resolveAccessTokenRequest(requestId: "no-such-request", accessToken: "x") // no host yet
        m.rejectAccessTokenRequest(requestId: "no-such-request", reason: "x")
        let initialized = TestPromise()
        m.initializeToken(accessToken: nil, initialized.promise)
        let request = try await js.nextTokenRequest()
        m.resolveAccessTokenRequest(requestId: "no-such-request", accessToken: "x")
        m.resolveAccessTokenRequest(requestId: request.requestId, accessToken: try await Emulator.mint())
        m.rejectAccessTokenRequest(requestId: request.requestId, reason: "too late") // at most one answer
        m.resolveAccessTokenRequest(requestId: request.requestId, accessToken: "garbage")
        try await initialized.expectTrue()
    }

    func testAnEventThatCannotBeEmittedFailsTheRefreshAtOnce() async throws {
        let m = module()
        js.subscribed.update { $0 = true }
        js.broken.update { $0 = true }
        let started = Date()
        try await expect("TOKEN_REFRESH_FAILED") { m.initializeToken(accessToken: nil, $0.promise) }
        XCTAssertLessThan(millis(since: started), 5_000, "it waited for the timeout")

        // The module keeps working once events flow again.
        js.broken.update { $0 = false }
        let retry = TestPromise()
        m.initializeToken(accessToken: nil, retry.promise)
        let request = try await js.nextTokenRequest()
        m.resolveAccessTokenRequest(requestId: request.requestId, accessToken: try await Emulator.mint())
        try await retry.expectTrue()
    }

    func testASinkThatThrowsOrIsGoneFailsTheRefreshAtOnce() async throws {
        let throwing = ThrowingSink(every: 1)
        let m = module(config: Emulator.config(callbackTimeoutMs: 20_000), events: throwing)
        let started = Date()
        try await expect("TOKEN_REFRESH_FAILED") { m.initializeToken(accessToken: nil, $0.promise) }
        XCTAssertEqual(throwing.attempts.get().map(\.name), ["onAccessTokenRequest"])

        // The sink is held weakly: once the React module is gone, nothing is delivered.
        var gone: FakeJs? = FakeJs()
        let orphan = module(config: Emulator.config(callbackTimeoutMs: 20_000), events: gone!)
        gone = nil
        try await expect("TOKEN_REFRESH_FAILED") { orphan.initializeToken(accessToken: nil, $0.promise) }
        XCTAssertLessThan(millis(since: started), 5_000, "it waited for the timeout")
    }
}

/// Throws on emits 1, 1 + every, 1 + 2 * every, ... (every: 1: always) of the events that are
/// not `stateEvents` (those it takes and ignores); records every attempt.
final class ThrowingSink: DolbyIoIAPIEventSink, @unchecked Sendable {
    struct Boom: Error {}
    let every: Int
    let attempts = Locked<[(name: String, payload: [String: Any])]>([])
    init(every: Int) { self.every = every }

    func emit(_ name: String, _ payload: [String: Any]) throws -> Bool {
        if stateEvents.contains(name) { return true }
        let n = attempts.update { $0.append((name, payload)); return $0.count }
        if (n - 1) % every == 0 { throw Boom() }
        return true
    }
}
