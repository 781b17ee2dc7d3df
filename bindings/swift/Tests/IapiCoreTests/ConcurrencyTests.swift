// Many Swift tasks calling into the core at once.
import Foundation
import IapiCore
import XCTest

final class ConcurrencyTests: EmulatorTestCase {
    func testFiftySdksInParallel() async throws {
        let n = 50
        let before = try await Emulator.counters()
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<n {
                group.addTask {
                    let sdk = try DolbyIoIapi(config: emulatorConfig())
                    if i % 2 == 0 {
                        _ = try await sdk.initialize(consumerKey: appKey, consumerSecret: appSecret)
                    } else {
                        _ = try await sdk.initializeToken(accessToken: nil, provider: TestProvider.minting())
                    }
                    let p = try await sdk.session().open(info: ParticipantInfo(name: "p\(i)", externalId: "swift-par-\(i)"))
                    XCTAssertEqual(p.info.name, "p\(i)")
                    try await sdk.session().close()
                    return p.id
                }
            }
            var ids: [String] = []
            for try await id in group { ids.append(id) }
            return ids
        }
        XCTAssertEqual(Set(ids).count, n, "distinct externalIds get distinct participant ids")
        let after = try await Emulator.counters()
        XCTAssertEqual(after["identify"]! - before["identify"]!, n)
        XCTAssertEqual(after["logout"]! - before["logout"]!, n)
        XCTAssertEqual(after["token"]! - before["token"]!, n / 2, "initialize(key, secret) fetches one token")
    }

    func testSingleFlightRefreshForFiftyConcurrentCalls() async throws {
        // One SDK holding a token the platform now rejects; 50 concurrent opens all hit the 401
        // (or arrive after the refresh) and share one provider invocation. Only one session can be
        // open per SDK, so exactly one open wins and the others fail with INVALID_STATE; none may
        // fail with UNAUTHORIZED or anything else.
        let n = 50
        let token = try await Emulator.mint(ttlSecs: 600)
        let provider = TestProvider.minting(ttlSecs: 600, delayMs: 200) // slow: callers pile up
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        _ = try await sdk.initializeToken(accessToken: token, provider: provider)
        XCTAssertEqual(provider.callCount, 0)
        try await Emulator.revoke(token)

        let outcomes = await withTaskGroup(of: String.self) { group in
            for _ in 0..<n {
                group.addTask {
                    do {
                        _ = try await sdk.session().open(info: nil)
                        return "OPEN"
                    } catch let error as IapiError {
                        return errorCode(error: error)
                    } catch {
                        return "OTHER: \(error)"
                    }
                }
            }
            var all: [String] = []
            for await o in group { all.append(o) }
            return all
        }
        XCTAssertEqual(outcomes.filter { $0 == "OPEN" }.count, 1, "\(outcomes)")
        XCTAssertEqual(outcomes.filter { $0 == "INVALID_STATE" }.count, n - 1, "\(outcomes)")
        XCTAssertEqual(provider.calls.get().map(\.isExpired), [false], "single-flight refresh")
        try await sdk.session().close()
    }

    func testSingleFlightForExpiredTokenOnManySdkCallsThroughOneBridge() async throws {
        // An expired initial token: initializeToken asks once (isExpired = true), while 50 opens on
        // the same SDK started meanwhile wait for that same refresh.
        let n = 50
        let bridge = TokenRequestBridge(timeoutMs: 5_000)
        let listener = RecordingListener()
        let subscription = bridge.subscribe(listener: listener)
        defer { subscription.cancel() }
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        let expired = try await Emulator.mint(ttlSecs: -1)
        let initialized = Task { try await sdk.initializeToken(accessToken: expired, provider: bridge.asProvider()) }
        let request = try await listener.waitFor(1).request
        XCTAssertTrue(request.isExpired)

        let opens = Task {
            await withTaskGroup(of: String.self) { group in
                for _ in 0..<n {
                    group.addTask {
                        do { _ = try await sdk.session().open(info: nil); return "OPEN" }
                        catch let error as IapiError { return errorCode(error: error) }
                        catch { return "OTHER" }
                    }
                }
                var all: [String] = []
                for await o in group { all.append(o) }
                return all
            }
        }
        try await Task.sleep(nanoseconds: 200_000_000) // let the opens reach the refresh
        XCTAssertEqual(bridge.pendingCount(), 1, "one request however many callers")
        let fresh = try await Emulator.mint(ttlSecs: 600)
        XCTAssertTrue(bridge.resolve(requestId: request.requestId, accessToken: fresh))
        let ok = try await initialized.value
        XCTAssertTrue(ok)
        let outcomes = await opens.value
        XCTAssertEqual(outcomes.filter { $0 == "OPEN" }.count, 1, "\(outcomes)")
        XCTAssertEqual(outcomes.filter { $0 == "INVALID_STATE" }.count, n - 1, "\(outcomes)")
        XCTAssertEqual(listener.deliveries.get().count, 1)
        try await sdk.session().close()
    }
}
