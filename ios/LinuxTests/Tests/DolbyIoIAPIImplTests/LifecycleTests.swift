// invalidate() (the host's shutdown): pending promises reject with CANCELLED, each settled once;
// nothing is emitted after it returns; later calls fail cleanly; calls from many threads; the
// module is released (no retain cycle through Rust) and its deinit shuts the host down.
import DolbyIoIAPIImpl
import Foundation
import XCTest

final class LifecycleTests: ModuleTestCase {
    // resume() (called when the app becomes active) re-evaluates the token in the core; what it
    // refreshes after a suspension is tested in rust-core/tests. Here: the shim forwards it safely
    // in every state and it asks JS nothing when nothing is due.
    func testResumeForwardsSafelyAndAsksNothingWhenNothingIsDue() async throws {
        let m = module()
        js.subscribed.update { $0 = true }
        m.resume() // before the first call: no host yet
        let initialized = TestPromise()
        m.initializeToken(accessToken: try await Emulator.mint(), initialized.promise)
        try await initialized.expectTrue()
        m.resume()
        await js.assertNoEvent() // a fresh one-hour token: no refresh is due
        m.invalidate()
        m.resume() // after invalidate: a no-op
    }

    func testInvalidateCancelsAPendingTokenRequestAndItsPromise() async throws {
        let m = module()
        js.subscribed.update { $0 = true }
        let initialized = TestPromise()
        m.initializeToken(accessToken: nil, initialized.promise)
        let request = try await js.nextTokenRequest()

        let started = Date()
        await onAnotherThread { m.invalidate() }
        try await initialized.expectRejection("CANCELLED", timeout: 5)
        XCTAssertLessThan(millis(since: started), 1_000)
        m.resolveAccessTokenRequest(requestId: request.requestId, accessToken: try await Emulator.mint()) // a no-op
        await js.assertNoEvent()
    }

    func testInvalidateCancelsInFlightHttpCallsEachSettledOnce() async throws {
        let m = module()
        try await Emulator.fault(route: "token", kind: "latency", latencyMs: 3_000, times: 10)
        let before = try await Emulator.counter("token")
        let promises = (0..<10).map { _ in TestPromise() }
        await withTaskGroup(of: Void.self) { group in // from many threads, as React's queues may
            for p in promises {
                group.addTask { await onAnotherThread {
                    m.initialize(consumerKey: appKey, consumerSecret: appSecret, p.promise)
                } }
            }
        }
        var reached = false
        for _ in 0..<500 where !reached {
            reached = try await Emulator.counter("token") > before
            if !reached { try await Task.sleep(nanoseconds: 10_000_000) }
        }
        XCTAssertTrue(reached, "no token request reached the emulator")
        let started = Date()
        m.invalidate()
        for p in promises { try await p.expectRejection("CANCELLED", timeout: 3) } // exactly once each
        XCTAssertLessThan(millis(since: started), 1_000)
    }

    func testAfterInvalidateEveryCallRejectsWithCancelledAndAnswersAreIgnored() async throws {
        let m = try await initializedModule()
        m.invalidate()
        m.invalidate() // idempotent

        let calls: [(TestPromise) -> Void] = [
            { m.initialize(consumerKey: appKey, consumerSecret: appSecret, $0.promise) },
            { m.initializeToken(accessToken: nil, $0.promise) },
            { m.sessionOpen(info: ["name": 42], $0.promise) },
            { m.sessionIsOpen($0.promise) },
            { m.sessionClose($0.promise) },
            { m.sessionGetParticipant($0.promise) },
            { m.conferenceCurrent($0.promise) },
            { m.conferenceCreate(options: ["alias": "a"], $0.promise) },
            { m.conferenceJoin(conferenceId: "c", options: ["participantType": "nope"], $0.promise) },
            { m.conferenceLeave(options: ["leaveRoom": true], $0.promise) },
            { m.conferenceUpdatePermissions(participantPermissions: [], $0.promise) },
        ]
        for (i, call) in calls.enumerated() {
            let p = TestPromise()
            call(p)
            try await p.expectRejection("CANCELLED", "call #\(i)")
        }
        m.resolveAccessTokenRequest(requestId: "1", accessToken: "x")
        m.rejectAccessTokenRequest(requestId: "1", reason: "x")
        await js.assertNoEvent()

        // Invalidated before its first call: no host is made, calls reject all the same.
        let unused = module()
        unused.invalidate()
        try await expect("CANCELLED") { unused.sessionIsOpen($0.promise) }
    }

    func testAScheduledRefreshGoesThroughTheModuleWhileItLivesAndNotAfterInvalidate() async throws {
        // 2 s tokens: the core refreshes at about half the time left.
        let m = module()
        js.subscribed.update { $0 = true }
        let initialized = TestPromise()
        m.initializeToken(accessToken: try await Emulator.mint(ttlSecs: 2), initialized.promise)
        try await initialized.expectTrue()
        let request = try await js.nextTokenRequest(timeout: 5)
        XCTAssertFalse(request.isExpired, "a proactive refresh happens before expiry")
        m.resolveAccessTokenRequest(requestId: request.requestId, accessToken: try await Emulator.mint(ttlSecs: 2))
        m.invalidate()
        await js.assertNoEvent(wait: 2.5)
    }

    func testTheModuleIsReleasedWithoutInvalidateAndItsDeinitShutsTheHostDown() async throws {
        // The host keeps its events object alive; that object holds the sink weakly and not the
        // module, so dropping the module frees it, and its deinit stops the host's refreshes.
        weak var weakModule: DolbyIoIAPIImpl?
        do {
            let m = DolbyIoIAPIImpl(config: Emulator.config(), events: js, platformLog: platformLog)
            weakModule = m
            js.subscribed.update { $0 = true }
            let initialized = TestPromise()
            m.initializeToken(accessToken: nil, initialized.promise)
            let request = try await js.nextTokenRequest()
            m.resolveAccessTokenRequest(requestId: request.requestId, accessToken: try await Emulator.mint(ttlSecs: 2))
            try await initialized.expectTrue()
        }
        let released = await eventually { weakModule == nil }
        XCTAssertTrue(released, "the module was not released (retain cycle)")
        await js.assertNoEvent(wait: 2.5) // the 2 s token's refresh would have come by now
    }
}
