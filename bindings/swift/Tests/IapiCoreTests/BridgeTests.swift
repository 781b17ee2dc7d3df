// The token request bridge: requests go to a listener as {requestId, isExpired}; the test answers
// with resolve / reject from another thread, as the React Native shim does with JS's answer.
import Foundation
import IapiCore
import XCTest

final class BridgeTests: EmulatorTestCase {
    /// Runs `body` on a fresh OS thread (neither the main thread nor the test's thread).
    private func onAnotherThread<T>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { cont in
            Thread { cont.resume(returning: body()) }.start()
        }
    }

    func testResolveFromAnotherThread() async throws {
        let testThread = pthread_self()
        let bridge = TokenRequestBridge(timeoutMs: 5_000)
        let listener = RecordingListener()
        let subscription = bridge.subscribe(listener: listener)
        defer { subscription.cancel() }
        let sdk = try DolbyIoIapi(config: emulatorConfig())

        let initialized = Task { try await sdk.initializeToken(accessToken: nil, provider: bridge.asProvider()) }
        let delivery = try await listener.waitFor(1)
        XCTAssertTrue(delivery.request.isExpired)
        XCTAssertFalse(delivery.request.requestId.isEmpty)
        XCTAssertFalse(delivery.isMainThread, "listener ran on the main thread")
        XCTAssertEqual(pthread_equal(delivery.thread, testThread), 0, "listener ran on the test's thread")
        XCTAssertTrue(delivery.threadName.hasPrefix("iapi-core"), "listener thread: \(delivery.threadName)")
        XCTAssertEqual(bridge.pendingCount(), 1)

        let token = try await Emulator.mint(ttlSecs: 600)
        let id = delivery.request.requestId
        let resolved = await onAnotherThread { bridge.resolve(requestId: id, accessToken: token) }
        XCTAssertTrue(resolved)
        let ok = try await initialized.value
        XCTAssertTrue(ok)
        XCTAssertEqual(bridge.pendingCount(), 0)
        // At most one answer.
        XCTAssertFalse(bridge.resolve(requestId: id, accessToken: token))
        XCTAssertFalse(bridge.reject(requestId: id, reason: "late"))

        // The core uses the token.
        _ = try await sdk.session().open(info: nil)
        try await sdk.session().close()
        XCTAssertEqual(listener.deliveries.get().count, 1)
    }

    func testRevokedTokenSendsRequestWithIsExpiredFalse() async throws {
        let bridge = TokenRequestBridge(timeoutMs: 5_000)
        let answered = Locked(0)
        let listener = RecordingListener { request in
            // Answer from a GCD thread, as a shim would after hopping off JS.
            DispatchQueue.global().async {
                Task {
                    let token = try await Emulator.mint(ttlSecs: 600)
                    if bridge.resolve(requestId: request.requestId, accessToken: token) {
                        answered.update { $0 += 1 }
                    }
                }
            }
        }
        let subscription = bridge.subscribe(listener: listener)
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        let token = try await Emulator.mint(ttlSecs: 600)
        _ = try await sdk.initializeToken(accessToken: token, provider: bridge.asProvider())
        try await Emulator.revoke(token)
        _ = try await sdk.session().open(info: nil)
        try await sdk.session().close()
        XCTAssertEqual(listener.deliveries.get().map(\.request.isExpired), [false])
        XCTAssertEqual(answered.get(), 1)
        subscription.cancel() // the closure captures the bridge: break the cycle
    }

    func testRejectIsTokenRefreshFailedWithReason() async throws {
        let bridge = TokenRequestBridge(timeoutMs: 5_000)
        let listener = RecordingListener()
        let subscription = bridge.subscribe(listener: listener)
        defer { subscription.cancel() }
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        let initialized = Task { try await sdk.initializeToken(accessToken: nil, provider: bridge.asProvider()) }
        let id = try await listener.waitFor(1).request.requestId
        let rejected = await onAnotherThread { bridge.reject(requestId: id, reason: "user signed out") }
        XCTAssertTrue(rejected)
        let error = await assertIapiError("TOKEN_REFRESH_FAILED") { try await initialized.value }
        XCTAssertEqual(error, .TokenRefreshFailed(reason: "user signed out"))
        XCTAssertEqual(bridge.pendingCount(), 0)
    }

    func testNoAnswerTimesOut() async throws {
        let bridge = TokenRequestBridge(timeoutMs: 300)
        let listener = RecordingListener()
        let subscription = bridge.subscribe(listener: listener)
        defer { subscription.cancel() }
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        let started = Date()
        await assertIapiError("TIMEOUT") {
            try await sdk.initializeToken(accessToken: nil, provider: bridge.asProvider())
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
        XCTAssertEqual(bridge.pendingCount(), 0)
        let id = try XCTUnwrap(listener.deliveries.get().first).request.requestId
        XCTAssertFalse(bridge.resolve(requestId: id, accessToken: "too late"))
    }

    func testUnknownRequestIdIsRefused() {
        let bridge = TokenRequestBridge(timeoutMs: 1_000)
        XCTAssertFalse(bridge.resolve(requestId: "no-such-request", accessToken: "x"))
        XCTAssertFalse(bridge.reject(requestId: "no-such-request", reason: "x"))
        XCTAssertEqual(bridge.pendingCount(), 0)
    }

    func testRequestsWaitForAListener() async throws {
        let bridge = TokenRequestBridge(timeoutMs: 5_000)
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        let initialized = Task { try await sdk.initializeToken(accessToken: nil, provider: bridge.asProvider()) }
        let pending = await eventually { bridge.pendingCount() == 1 }
        XCTAssertTrue(pending)

        let listener = RecordingListener()
        let subscription = bridge.subscribe(listener: listener) // delivers the held request now
        defer { subscription.cancel() }
        let delivery = try await listener.waitFor(1)
        XCTAssertTrue(delivery.request.isExpired)
        let token = try await Emulator.mint(ttlSecs: 600)
        XCTAssertTrue(bridge.resolve(requestId: delivery.request.requestId, accessToken: token))
        let ok = try await initialized.value
        XCTAssertTrue(ok)
    }

    func testManyRequestsAnsweredConcurrently() async throws {
        // 50 SDKs share one bridge; every request gets its own id and is answered from GCD threads.
        let n = 50
        let bridge = TokenRequestBridge(timeoutMs: 10_000)
        let listener = RecordingListener()
        let subscription = bridge.subscribe(listener: listener)
        defer { subscription.cancel() }
        var minted: [String] = []
        for _ in 0..<n { minted.append(try await Emulator.mint(ttlSecs: 600)) }
        let tokens = minted
        let sdks = try (0..<n).map { _ in try DolbyIoIapi(config: emulatorConfig()) }

        try await withThrowingTaskGroup(of: Bool.self) { group in
            for sdk in sdks {
                group.addTask { try await sdk.initializeToken(accessToken: nil, provider: bridge.asProvider()) }
            }
            let all = await eventually(timeout: 10) { listener.deliveries.get().count == n }
            XCTAssertTrue(all, "deliveries: \(listener.deliveries.get().count)")
            let ids = listener.deliveries.get().map(\.request.requestId)
            XCTAssertEqual(Set(ids).count, n, "request ids are not unique")
            let results = Locked([Bool](repeating: false, count: n))
            DispatchQueue.concurrentPerform(iterations: n) { i in
                let ok = bridge.resolve(requestId: ids[i], accessToken: tokens[i])
                results.update { $0[i] = ok }
            }
            XCTAssertEqual(results.get(), [Bool](repeating: true, count: n))
            for try await ok in group { XCTAssertTrue(ok) }
        }
        XCTAssertEqual(bridge.pendingCount(), 0)
    }
}
