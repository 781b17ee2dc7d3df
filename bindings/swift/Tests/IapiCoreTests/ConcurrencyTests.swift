// Many Swift tasks calling into hosts at once, and single-flight refreshes: however many calls
// need a token, one request reaches the shim.
import Foundation
import IapiCore
import XCTest

final class ConcurrencyTests: EmulatorTestCase {
    func testFiftyHostsInParallelWithRequestsAnsweredFromManyThreads() async throws {
        let n = 50
        let before = try await Emulator.counters()
        let members = (0..<n).map { _ -> (host: NativeModuleHost, events: RecordingEvents) in
            let events = RecordingEvents()
            return (makeHost(events), events)
        }
        var minted: [String] = []
        for _ in 0..<(n / 2) { minted.append(try await Emulator.mint(ttlSecs: 600)) }
        let tokens = minted

        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            // Even hosts initialize with the key and secret, odd ones with a token request.
            for (i, member) in members.enumerated() {
                group.addTask {
                    if i % 2 == 0 {
                        _ = try await member.host.initialize(consumerKey: appKey, consumerSecret: appSecret)
                    } else {
                        _ = try await member.host.initializeToken(accessToken: nil)
                    }
                    let p = try await member.host.sessionOpen(info: ParticipantInfo(name: "p\(i)", externalId: "swift-par-\(i)"))
                    XCTAssertEqual(p.info.name, "p\(i)")
                    try await member.host.sessionClose()
                    return p.id
                }
            }
            // Every request first, then all answers at once from GCD's threads.
            let asking = members.indices.filter { $0 % 2 == 1 }
            let arrived = await eventually(timeout: 20) { asking.allSatisfy { members[$0].events.requests.count == 1 } }
            XCTAssertTrue(arrived, "not every host asked for a token")
            DispatchQueue.concurrentPerform(iterations: asking.count) { k in
                let member = members[asking[k]]
                member.host.resolveAccessTokenRequest(requestId: member.events.requests[0].requestId, accessToken: tokens[k])
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
        XCTAssertEqual(members.map(\.events.requests.count), (0..<n).map { $0 % 2 }, "one request per token host, none else")
    }

    /// `n` concurrent sessionOpen calls on one host; their outcomes' codes ("OPEN" for a success).
    private func concurrentOpens(_ host: NativeModuleHost, _ n: Int) async -> [String] {
        await withTaskGroup(of: String.self) { group in
            for _ in 0..<n {
                group.addTask {
                    do {
                        _ = try await host.sessionOpen(info: nil)
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
    }

    func testSingleFlightRefreshForFiftyConcurrentCallsAfterA401() async throws {
        // One host holding a token the platform now rejects; 50 concurrent opens all hit the 401
        // (or arrive after the refresh) and share one token request. Only one session can be
        // open per host, so exactly one open wins and the others fail with INVALID_STATE; none may
        // fail with UNAUTHORIZED or anything else.
        let n = 50
        let events = RecordingEvents()
        let host = makeHost(events)
        let token = try await Emulator.mint(ttlSecs: 600)
        _ = try await host.initializeToken(accessToken: token)
        XCTAssertEqual(events.requests.count, 0)
        try await Emulator.revoke(token)
        events.answerWithMintedTokens(host, delayMs: 200) // a slow answer: callers pile up

        let outcomes = await concurrentOpens(host, n)
        XCTAssertEqual(outcomes.filter { $0 == "OPEN" }.count, 1, "\(outcomes)")
        XCTAssertEqual(outcomes.filter { $0 == "INVALID_STATE" }.count, n - 1, "\(outcomes)")
        XCTAssertEqual(events.requests.map(\.isExpired), [false], "single-flight refresh")
        try await host.sessionClose()
    }

    func testSingleFlightForAnExpiredTokenWhileManyCallsWait() async throws {
        // An expired initial token: initializeToken asks once (isExpired = true), while 50 opens
        // started meanwhile wait for that same refresh.
        let n = 50
        let events = RecordingEvents()
        let host = makeHost(events)
        let expired = try await Emulator.mint(ttlSecs: -1)
        async let initialized = host.initializeToken(accessToken: expired)
        let request = try await events.waitForRequest(1).request
        XCTAssertTrue(request.isExpired)

        async let outcomes = concurrentOpens(host, n)
        try await Task.sleep(nanoseconds: 200_000_000) // let the opens reach the refresh
        XCTAssertEqual(events.requests.count, 1, "one request however many callers")
        host.resolveAccessTokenRequest(requestId: request.requestId, accessToken: try await Emulator.mint(ttlSecs: 600))
        let ok = try await initialized
        XCTAssertTrue(ok)
        let all = await outcomes
        XCTAssertEqual(all.filter { $0 == "OPEN" }.count, 1, "\(all)")
        XCTAssertEqual(all.filter { $0 == "INVALID_STATE" }.count, n - 1, "\(all)")
        XCTAssertEqual(events.requests.count, 1)
        try await host.sessionClose()
    }
}
