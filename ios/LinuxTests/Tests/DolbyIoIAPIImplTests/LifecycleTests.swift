// invalidate(): pending promises reject with CANCELLED, nothing is emitted after it returns,
// later calls fail cleanly, and the module is released (no retain cycle through Rust).
import DolbyIoIAPIImpl
import Foundation
import XCTest

final class LifecycleTests: ModuleTestCase {
    // resume() (called when the app becomes active) re-evaluates the token in the core; what it
    // refreshes after a suspension is tested in rust-core/tests/token_defects.rs. Here: the shim
    // forwards it safely in every state and it asks JS nothing when nothing is due.
    func testResumeForwardsSafelyAndAsksNothingWhenNothingIsDue() async throws {
        let m = module()
        js.subscribed.update { $0 = true }
        m.resume() // before initialization: nothing to re-evaluate
        let initialized = TestPromise()
        m.initializeToken(accessToken: try await Emulator.mint(), resolve: initialized.resolve,
                          reject: initialized.reject)
        try await initialized.expectTrue()
        m.resume()
        await js.assertNoEvent() // a fresh one-hour token: no refresh is due
        m.invalidate()
        m.resume() // after invalidate: a no-op
    }

    func testInvalidateCancelsAPendingTokenRequestAndItsPromise() async throws {
        let bridge = TokenRequestBridge(timeoutMs: 30_000)
        let m = module(bridge: bridge)
        js.subscribed.update { $0 = true }
        let initialized = TestPromise()
        m.initializeToken(accessToken: nil, resolve: initialized.resolve, reject: initialized.reject)
        let request = try await js.nextTokenRequest()
        XCTAssertEqual(bridge.pendingCount(), 1)

        let started = Date()
        m.invalidate()
        let rejection = try await initialized.rejection(timeout: 5)
        XCTAssertEqual(rejection.code, "CANCELLED", rejection.message)
        XCTAssertLessThan(millis(since: started), 1_000)
        // The request JS still owed was rejected: the core no longer waits, a late answer is a no-op.
        let dropped = await eventually { bridge.pendingCount() == 0 }
        XCTAssertTrue(dropped, "the request is still pending")
        m.resolveAccessTokenRequest(requestId: request.requestId, accessToken: try await Emulator.mint())
        XCTAssertFalse(bridge.resolve(requestId: request.requestId, accessToken: "x"))
        await js.assertNoEvent()
    }

    func testInvalidateCancelsAnInFlightHttpCall() async throws {
        let m = module()
        try await Emulator.fault(route: "token", kind: "latency", latencyMs: 3_000)
        let before = try await Emulator.counter("token")
        let initialized = TestPromise()
        m.initialize(consumerKey: appKey, consumerSecret: appSecret, resolve: initialized.resolve, reject: initialized.reject)
        var reached = false
        for _ in 0..<500 where !reached {
            reached = try await Emulator.counter("token") > before
            if !reached { try await Task.sleep(nanoseconds: 10_000_000) }
        }
        XCTAssertTrue(reached, "the token request did not reach the emulator")
        let started = Date()
        m.invalidate()
        try await initialized.expectRejection("CANCELLED", timeout: 3)
        XCTAssertLessThan(millis(since: started), 1_000)
    }

    func testAfterInvalidateEveryCallRejectsWithCancelledAndAnswersAreIgnored() async throws {
        let m = try await initializedModule()
        m.invalidate()
        m.invalidate() // idempotent

        let calls: [(TestPromise) -> Void] = [
            { m.initialize(consumerKey: appKey, consumerSecret: appSecret, resolve: $0.resolve, reject: $0.reject) },
            { m.initializeToken(accessToken: nil, resolve: $0.resolve, reject: $0.reject) },
            { m.sessionOpen(info: nil, resolve: $0.resolve, reject: $0.reject) },
            { m.sessionIsOpen(resolve: $0.resolve, reject: $0.reject) },
            { m.sessionClose(resolve: $0.resolve, reject: $0.reject) },
            { m.sessionGetParticipant(resolve: $0.resolve, reject: $0.reject) },
            { m.conferenceCurrent(resolve: $0.resolve, reject: $0.reject) },
            { m.conferenceCreate(options: ["alias": "a"], resolve: $0.resolve, reject: $0.reject) },
            { m.conferenceJoin(conferenceId: "c", options: ["participantType": "nope"], resolve: $0.resolve, reject: $0.reject) },
            { m.conferenceLeave(options: ["leaveRoom": true], resolve: $0.resolve, reject: $0.reject) },
            { m.conferenceUpdatePermissions(participantPermissions: [], resolve: $0.resolve, reject: $0.reject) },
        ]
        for (i, call) in calls.enumerated() {
            let p = TestPromise()
            call(p)
            try await p.expectRejection("CANCELLED", "call #\(i)")
        }
        m.resolveAccessTokenRequest(requestId: "1", accessToken: "x")
        m.rejectAccessTokenRequest(requestId: "1", reason: "x")
        await js.assertNoEvent()
    }

    func testAScheduledRefreshIsNotEmittedAfterInvalidate() async throws {
        // A 2 s token: the core refreshes at about half the time it had left. After invalidate, nothing.
        let m = module()
        js.subscribed.update { $0 = true }
        let initialized = TestPromise()
        m.initializeToken(accessToken: try await Emulator.mint(ttlSecs: 2), resolve: initialized.resolve, reject: initialized.reject)
        try await initialized.expectTrue()
        m.invalidate()
        await js.assertNoEvent(wait: 2.5)
    }

    func testAScheduledRefreshGoesThroughTheModuleWhileItLives() async throws {
        let m = module()
        js.subscribed.update { $0 = true }
        let initialized = TestPromise()
        m.initializeToken(accessToken: try await Emulator.mint(ttlSecs: 2), resolve: initialized.resolve, reject: initialized.reject)
        try await initialized.expectTrue()
        let request = try await js.nextTokenRequest(timeout: 5)
        XCTAssertFalse(request.isExpired, "a proactive refresh happens before expiry")
        m.resolveAccessTokenRequest(requestId: request.requestId, accessToken: try await Emulator.mint())
    }

    func testNoEventAfterInvalidateReturnsUnderConcurrentRequests() async throws {
        // Many SDKs ask through the module's bridge while another thread invalidates: every
        // event is emitted before invalidate() returns, none after.
        let bridge = TokenRequestBridge(timeoutMs: 30_000)
        let m = module(bridge: bridge)
        js.subscribed.update { $0 = true }
        let initialized = TestPromise()
        m.initializeToken(accessToken: try await Emulator.mint(), resolve: initialized.resolve, reject: initialized.reject)
        try await initialized.expectTrue()
        let sdks = try (0..<20).map { _ in try DolbyIoIapi(config: Emulator.config()) }
        let tasks = sdks.map { sdk in Task { try? await sdk.initializeToken(accessToken: nil, provider: bridge.asProvider()) } }
        _ = await eventually { js.emitted.get().count >= 5 }
        await onAnotherThread { m.invalidate() }
        let countAtInvalidate = js.emitted.get().count
        for task in tasks { _ = await task.value } // every request settles (rejected on invalidate or after)
        try await Task.sleep(nanoseconds: 300_000_000)
        XCTAssertEqual(js.emitted.get().count, countAtInvalidate, "an event was emitted after invalidate returned")
        XCTAssertEqual(bridge.pendingCount(), 0)
    }

    func testTheModuleIsReleasedWithoutInvalidate() async throws {
        // The bridge keeps its listener alive; the listener holds the module weakly, so dropping
        // the module frees it (deinit invalidates it) even after requests went through.
        weak var weakModule: DolbyIoIAPIImpl?
        let bridge = TokenRequestBridge(timeoutMs: 30_000)
        do {
            let m = DolbyIoIAPIImpl(config: Emulator.config(), events: js, bridge: bridge)
            weakModule = m
            js.subscribed.update { $0 = true }
            let initialized = TestPromise()
            m.initializeToken(accessToken: nil, resolve: initialized.resolve, reject: initialized.reject)
            let request = try await js.nextTokenRequest()
            m.resolveAccessTokenRequest(requestId: request.requestId, accessToken: try await Emulator.mint())
            try await initialized.expectTrue()
        }
        let released = await eventually { weakModule == nil }
        XCTAssertTrue(released, "the module was not released (retain cycle)")
        // Its deinit detached the listener: a new request through the bridge is held, not emitted.
        let sdk = try DolbyIoIapi(config: Emulator.config(callbackTimeoutMs: 300))
        let rejected = try? await sdk.initializeToken(accessToken: nil, provider: bridge.asProvider())
        XCTAssertNil(rejected)
        await js.assertNoEvent()
    }
}
