// The refresh round trip through the module: the core asks for a token, the module emits
// `onAccessTokenRequest {requestId, isExpired}`, "JS" answers through the module's
// resolve/rejectAccessTokenRequest (from another thread), and the core uses or refuses the answer.
import DolbyIoIAPIImpl
import Foundation
import XCTest

final class AccessTokenRequestTests: ModuleTestCase {
    func testNullTokenIsRequestedWithIsExpiredAndTheCoreUsesTheAnswer() async throws {
        let m = module()
        js.subscribed.update { $0 = true }
        let initialized = TestPromise()
        m.initializeToken(accessToken: nil, resolve: initialized.resolve, reject: initialized.reject)

        let request = try await js.nextTokenRequest()
        XCTAssertEqual(request.name, "onAccessTokenRequest")
        XCTAssertEqual(request.payload["requestId"] as? String, request.requestId)
        XCTAssertEqual(request.payload["isExpired"] as? Bool, true)
        XCTAssertEqual(Set(request.payload.keys), ["requestId", "isExpired"])
        XCTAssertFalse(initialized.isSettled, "initializeToken settles only after JS answered")

        let token = try await Emulator.mint()
        await onAnotherThread { m.resolveAccessTokenRequest(requestId: request.requestId, accessToken: token) }
        try await initialized.expectTrue()

        // The core uses the token: identify (Bearer) succeeds against the emulator.
        let identifyBefore = try await Emulator.counter("identify")
        let open = TestPromise()
        m.sessionOpen(info: ["name": "Ada", "externalId": "ios-ada"], resolve: open.resolve, reject: open.reject)
        let opened = try await open.value() as? [String: Any]
        let participant = try XCTUnwrap(opened)
        XCTAssertFalse((participant["id"] as? String ?? "").isEmpty)
        let info = try XCTUnwrap(participant["info"] as? [String: Any])
        XCTAssertEqual(info as NSDictionary, ["name": "Ada", "externalId": "ios-ada"] as NSDictionary)
        XCTAssertNil(info["avatarUrl"], "absent keys are absent, never null")
        let identifyAfter = try await Emulator.counter("identify")
        XCTAssertEqual(identifyAfter, identifyBefore + 1)

        let isOpen = TestPromise()
        m.sessionIsOpen(resolve: isOpen.resolve, reject: isOpen.reject)
        try await isOpen.expectTrue()
        let me = TestPromise()
        m.sessionGetParticipant(resolve: me.resolve, reject: me.reject)
        let fetched = try await me.value() as? NSDictionary
        XCTAssertEqual(fetched, participant as NSDictionary)
        let close = TestPromise()
        m.sessionClose(resolve: close.resolve, reject: close.reject)
        let closed = try await close.value()
        XCTAssertNil(closed)
        await js.assertNoEvent()
    }

    func testExpiredTokenAsksWithIsExpiredAndValidTokenAsksNothing() async throws {
        let m = module()
        js.subscribed.update { $0 = true }
        let expired = TestPromise()
        m.initializeToken(accessToken: try await Emulator.mint(ttlSecs: -10), resolve: expired.resolve, reject: expired.reject)
        let request = try await js.nextTokenRequest()
        XCTAssertTrue(request.isExpired)
        m.resolveAccessTokenRequest(requestId: request.requestId, accessToken: try await Emulator.mint())
        try await expired.expectTrue()

        let valid = TestPromise()
        m.initializeToken(accessToken: try await Emulator.mint(), resolve: valid.resolve, reject: valid.reject)
        try await valid.expectTrue()
        await js.assertNoEvent()
    }

    func testRejectedRequestFailsWithTokenRefreshFailedAndJsReason() async throws {
        let m = module()
        js.subscribed.update { $0 = true }
        let initialized = TestPromise()
        m.initializeToken(accessToken: nil, resolve: initialized.resolve, reject: initialized.reject)
        let request = try await js.nextTokenRequest()
        await onAnotherThread { m.rejectAccessTokenRequest(requestId: request.requestId, reason: "backend down") }
        let rejection = try await initialized.rejection()
        XCTAssertEqual(rejection.code, "TOKEN_REFRESH_FAILED")
        XCTAssertTrue(rejection.message.contains("backend down"), rejection.message)
    }

    func testTokenShapedReasonIsRedacted() async throws {
        let m = module()
        js.subscribed.update { $0 = true }
        let initialized = TestPromise()
        m.initializeToken(accessToken: nil, resolve: initialized.resolve, reject: initialized.reject)
        let token = try await Emulator.mint()
        let request = try await js.nextTokenRequest()
        m.rejectAccessTokenRequest(requestId: request.requestId, reason: "bad token \(token)")
        let rejection = try await initialized.rejection()
        XCTAssertEqual(rejection.code, "TOKEN_REFRESH_FAILED")
        XCTAssertFalse(rejection.message.contains(token), "the token leaked into: \(rejection.message)")
    }

    func testUnansweredRequestTimesOutAfterTheCallbackTimeout() async throws {
        let m = module(config: Emulator.config(callbackTimeoutMs: 400))
        js.subscribed.update { $0 = true }
        let initialized = TestPromise()
        let started = Date()
        m.initializeToken(accessToken: nil, resolve: initialized.resolve, reject: initialized.reject)
        let request = try await js.nextTokenRequest()
        let rejection = try await initialized.rejection()
        let elapsed = millis(since: started)
        XCTAssertEqual(rejection.code, "TIMEOUT", rejection.message)
        XCTAssertTrue((350...5_000).contains(elapsed), "timed out after \(elapsed) ms")
        m.resolveAccessTokenRequest(requestId: request.requestId, accessToken: try await Emulator.mint()) // too late: ignored
    }

    func testAnswersToUnknownOrAnsweredRequestsAreIgnored() async throws {
        let m = module()
        js.subscribed.update { $0 = true }
        m.resolveAccessTokenRequest(requestId: "no-such-request", accessToken: "x")
        m.rejectAccessTokenRequest(requestId: "no-such-request", reason: "x")
        let initialized = TestPromise()
        m.initializeToken(accessToken: nil, resolve: initialized.resolve, reject: initialized.reject)
        let request = try await js.nextTokenRequest()
        m.resolveAccessTokenRequest(requestId: request.requestId, accessToken: try await Emulator.mint())
        m.rejectAccessTokenRequest(requestId: request.requestId, reason: "too late") // at most one answer
        m.resolveAccessTokenRequest(requestId: request.requestId, accessToken: "garbage")
        try await initialized.expectTrue()
    }

    func testSecondInitializeTokenCancelsTheFirstRequest() async throws {
        let m = module()
        js.subscribed.update { $0 = true }
        let first = TestPromise()
        m.initializeToken(accessToken: nil, resolve: first.resolve, reject: first.reject)
        let r1 = try await js.nextTokenRequest()
        let second = TestPromise()
        m.initializeToken(accessToken: nil, resolve: second.resolve, reject: second.reject)
        let r2 = try await js.nextTokenRequest()
        XCTAssertNotEqual(r1.requestId, r2.requestId)
        try await first.expectRejection("CANCELLED")
        m.resolveAccessTokenRequest(requestId: r2.requestId, accessToken: try await Emulator.mint())
        m.resolveAccessTokenRequest(requestId: r1.requestId, accessToken: try await Emulator.mint()) // ignored
        try await second.expectTrue()
    }

    func testNothingIsEmittedBeforeJsSubscribesAndAHeldRequestIsNotLost() async throws {
        let bridge = TokenRequestBridge(timeoutMs: 30_000)
        let m = module(bridge: bridge)
        // A request made while JS has not subscribed yet (the core asking through the module's
        // bridge before initializeToken): the bridge holds it and nothing is emitted.
        let sdk = try DolbyIoIapi(config: Emulator.config())
        let early = Task { try await sdk.initializeToken(accessToken: nil, provider: bridge.asProvider()) }
        let pending = await eventually { bridge.pendingCount() == 1 }
        XCTAssertTrue(pending)
        try await Task.sleep(nanoseconds: 200_000_000)
        XCTAssertTrue(js.emitted.get().isEmpty, "emitted before JS subscribed")

        // JS subscribes, then calls initializeToken: the held request is delivered now.
        js.subscribed.update { $0 = true }
        let initialized = TestPromise()
        m.initializeToken(accessToken: try await Emulator.mint(), resolve: initialized.resolve, reject: initialized.reject)
        try await initialized.expectTrue()
        let held = try await js.nextTokenRequest()
        XCTAssertTrue(held.isExpired)
        m.resolveAccessTokenRequest(requestId: held.requestId, accessToken: try await Emulator.mint())
        let ok = try await early.value
        XCTAssertTrue(ok)
    }

    func testAnEventThatCannotBeEmittedFailsTheRefreshAtOnce() async throws {
        let m = module()
        js.subscribed.update { $0 = true }
        js.broken.update { $0 = true }
        let initialized = TestPromise()
        let started = Date()
        m.initializeToken(accessToken: nil, resolve: initialized.resolve, reject: initialized.reject)
        let rejection = try await initialized.rejection()
        XCTAssertEqual(rejection.code, "TOKEN_REFRESH_FAILED", rejection.message)
        XCTAssertLessThan(millis(since: started), 5_000, "it waited for the timeout")

        // The module keeps working once events flow again.
        js.broken.update { $0 = false }
        let retry = TestPromise()
        m.initializeToken(accessToken: nil, resolve: retry.resolve, reject: retry.reject)
        let request = try await js.nextTokenRequest()
        m.resolveAccessTokenRequest(requestId: request.requestId, accessToken: try await Emulator.mint())
        try await retry.expectTrue()
    }

    func testConcurrentRequestsAreAnsweredByIdInAnyOrder() async throws {
        // Several requests pending at once (three initializeToken calls on one module would
        // cancel each other, so three SDKs share the module's bridge as their provider).
        let bridge = TokenRequestBridge(timeoutMs: 30_000)
        let m = module(bridge: bridge)
        js.subscribed.update { $0 = true }
        let initialized = TestPromise()
        m.initializeToken(accessToken: try await Emulator.mint(), resolve: initialized.resolve, reject: initialized.reject)
        try await initialized.expectTrue()
        let sdks = try (0..<3).map { _ in try DolbyIoIapi(config: Emulator.config()) }
        let tasks = sdks.map { sdk in Task { try await sdk.initializeToken(accessToken: nil, provider: bridge.asProvider()) } }
        var requests: [FakeJs.TokenRequest] = []
        for _ in 0..<3 { requests.append(try await js.nextTokenRequest()) }
        XCTAssertEqual(Set(requests.map(\.requestId)).count, 3)
        var tokens: [String] = []
        for _ in 0..<3 { tokens.append(try await Emulator.mint()) }
        let answers = Array(zip(requests.reversed(), tokens))
        await withTaskGroup(of: Void.self) { group in
            for (request, token) in answers {
                group.addTask { await onAnotherThread { m.resolveAccessTokenRequest(requestId: request.requestId, accessToken: token) } }
            }
        }
        for task in tasks {
            let ok = try await task.value
            XCTAssertTrue(ok)
        }
        XCTAssertEqual(bridge.pendingCount(), 0)
    }
}
