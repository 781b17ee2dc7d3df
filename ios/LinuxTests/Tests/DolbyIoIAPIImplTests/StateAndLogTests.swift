// What the SDK is doing, as the module hands it to JS: onConnectionStateChange and
// onTokenStateChange with the spec's keys (optional keys absent, never NSNull), their getters,
// setLogLevel, and the core's log records reaching onLog and the platform log's stand-in.
import DolbyIoIAPIImpl
import Foundation
import XCTest

final class StateAndLogTests: ModuleTestCase {
    static let connectionKeys: Set<String> = ["state", "attempt", "retryInMs", "reason", "sequence"]
    static let tokenKeys: Set<String> = ["state", "expiresAt", "nextRefreshAt", "refresh", "sequence"]
    static let refreshKeys: Set<String> = ["trigger", "outcome", "errorCode", "errorMessage"]
    static let logKeys: Set<String> = ["level", "target", "message", "timestamp", "dropped"]

    /// `payload`'s keys are among `allowed` and include `required`; no value is NSNull.
    func checkKeys(_ payload: [String: Any], _ allowed: Set<String>, required: Set<String>,
                   file: StaticString = #filePath, line: UInt = #line) {
        let keys = Set(payload.keys)
        XCTAssertTrue(keys.isSubset(of: allowed), "unexpected keys in \(payload)", file: file, line: line)
        XCTAssertTrue(required.isSubset(of: keys), "missing keys in \(payload)", file: file, line: line)
        XCTAssertFalse(payload.values.contains { $0 is NSNull }, "NSNull in \(payload)", file: file, line: line)
    }

    func states(_ payloads: [[String: Any]]) -> [String] { payloads.compactMap { $0["state"] as? String } }

    func sequences(_ payloads: [[String: Any]]) -> [Double] { payloads.compactMap { $0["sequence"] as? Double } }

    func testConnectionStatesFollowTheSessionAndTheGetterAgrees() async throws {
        js.subscribed.update { $0 = true }
        let m = try await initializedModule()
        let before = try await object { m.sessionGetConnectionState($0.promise) }
        XCTAssertEqual(before["state"] as? String, "DISCONNECTED")
        checkKeys(before, Self.connectionKeys, required: ["state", "sequence"])

        _ = try await value { m.sessionOpen(info: ["name": "Ada"], $0.promise) }
        var seen = try await js.waitFor("onConnectionStateChange", "CONNECTED") { states($0).contains("CONNECTED") }
        XCTAssertEqual(states(seen), ["CONNECTING", "CONNECTED"])
        for payload in seen {
            checkKeys(payload, Self.connectionKeys, required: ["state", "sequence"])
            XCTAssertNil(payload["attempt"] ?? payload["retryInMs"] ?? payload["reason"], "\(payload)")
        }
        XCTAssertEqual(sequences(seen), sequences(seen).sorted(), "sequence grows")
        XCTAssertGreaterThan(sequences(seen).first ?? 0, before["sequence"] as? Double ?? .infinity)
        let now = try await object { m.sessionGetConnectionState($0.promise) }
        XCTAssertEqual(now["state"] as? String, "CONNECTED")
        XCTAssertEqual(now["sequence"] as? Double, sequences(seen).last, "the getter's snapshot is the last event")

        // A dropped socket: RECONNECTING with its attempt, delay and reason, then CONNECTED again.
        try await Emulator.request("POST", "/_control/ws/drop")
        seen = try await js.waitFor("onConnectionStateChange", "CONNECTED again") {
            states($0).filter { $0 == "CONNECTED" }.count == 2
        }
        let reconnecting = try XCTUnwrap(seen.first { $0["state"] as? String == "RECONNECTING" }, "\(seen)")
        checkKeys(reconnecting, Self.connectionKeys, required: Self.connectionKeys)
        XCTAssertEqual(reconnecting["attempt"] as? Double, 1)
        XCTAssertGreaterThanOrEqual(reconnecting["retryInMs"] as? Double ?? -1, 0)
        XCTAssertNotNil(reconnecting["reason"] as? String)

        _ = try await value { m.sessionClose($0.promise) }
        seen = try await js.waitFor("onConnectionStateChange", "DISCONNECTED") { states($0).last == "DISCONNECTED" }
        XCTAssertEqual(sequences(seen), sequences(seen).sorted(), "sequence grows")
        let closed = try await object { m.sessionGetConnectionState($0.promise) }
        XCTAssertEqual(closed["state"] as? String, "DISCONNECTED")
    }

    func testInitializeTokenEmitsTheRefreshWithItsTriggerAndOutcome() async throws {
        let m = module()
        js.subscribed.update { $0 = true }
        let none = try await object { m.getTokenState($0.promise) }
        XCTAssertEqual(none["state"] as? String, "NONE")
        checkKeys(none, Self.tokenKeys, required: ["state", "sequence"])

        let initialized = TestPromise()
        m.initializeToken(accessToken: nil, initialized.promise)
        let request = try await js.nextTokenRequest()
        let refreshing = try await js.waitFor("onTokenStateChange", "REFRESHING") { states($0).contains("REFRESHING") }
        let started = try XCTUnwrap(refreshing.last?["refresh"] as? [String: Any])
        XCTAssertEqual(started["trigger"] as? String, "INITIALIZE")
        XCTAssertNil(started["outcome"], "a running refresh has no outcome")
        let token = try await Emulator.mint(ttlSecs: 600)
        m.resolveAccessTokenRequest(requestId: request.requestId, accessToken: token)
        try await initialized.expectTrue()

        let seen = try await js.waitFor("onTokenStateChange", "VALID") { states($0).last == "VALID" }
        XCTAssertEqual(states(seen), ["REFRESHING", "VALID"])
        let valid = try XCTUnwrap(seen.last)
        checkKeys(valid, Self.tokenKeys, required: Self.tokenKeys)
        let refresh = try XCTUnwrap(valid["refresh"] as? [String: Any])
        checkKeys(refresh, Self.refreshKeys, required: ["trigger", "outcome"])
        XCTAssertEqual(refresh["trigger"] as? String, "INITIALIZE")
        XCTAssertEqual(refresh["outcome"] as? String, "REFRESHED")
        let expiresAt = try XCTUnwrap(valid["expiresAt"] as? Double)
        let nextRefreshAt = try XCTUnwrap(valid["nextRefreshAt"] as? Double)
        XCTAssertEqual(expiresAt / 1000, Date().timeIntervalSince1970 + 600, accuracy: 30)
        XCTAssertLessThan(nextRefreshAt, expiresAt)
        XCTAssertEqual(sequences(seen), sequences(seen).sorted(), "sequence grows")
        let now = try await object { m.getTokenState($0.promise) }
        XCTAssertEqual(now["state"] as? String, "VALID")
        XCTAssertEqual(now["expiresAt"] as? Double, expiresAt)
        XCTAssertEqual(now["sequence"] as? Double, sequences(seen).last)

        // A refused refresh: FAILED with the error's code.
        let again = TestPromise()
        m.initializeToken(accessToken: nil, again.promise)
        m.rejectAccessTokenRequest(requestId: try await js.nextTokenRequest().requestId, reason: "no backend")
        try await again.expectRejection("TOKEN_REFRESH_FAILED")
        let failed = try await js.waitFor("onTokenStateChange", "FAILED") {
            $0.contains { ($0["refresh"] as? [String: Any])?["outcome"] as? String == "FAILED" }
        }
        let failure = try XCTUnwrap(failed.last?["refresh"] as? [String: Any])
        checkKeys(failure, Self.refreshKeys, required: Self.refreshKeys)
        XCTAssertEqual(failure["errorCode"] as? String, "TOKEN_REFRESH_FAILED")
        XCTAssertEqual(failure["trigger"] as? String, "INITIALIZE")
        let all = js.states.get().map { "\($0.payload)" }.joined(separator: "\n")
        XCTAssertFalse(all.contains(token), "the token reached a state event")
    }

    func testAnUnknownLevelIsInvalidArgumentAndTheKnownOnesResolve() async throws {
        let m = module()
        for level in ["VERBOSE", "debug ", ""] {
            try await expect("INVALID_ARGUMENT") { m.setLogLevel(level: level, platformLog: true, $0.promise) }
        }
        for level in ["OFF", "ERROR", "WARN", "INFO", "DEBUG", "TRACE"] {
            let answer = try await value { m.setLogLevel(level: level, platformLog: true, $0.promise) }
            XCTAssertNil(answer, level)
        }
    }

    func testAtDebugRecordsReachOnLogAndThePlatformLogInTheSameOrder() async throws {
        js.subscribed.update { $0 = true }
        let m = module()
        _ = try await value { m.setLogLevel(level: "DEBUG", platformLog: true, $0.promise) }
        let initialized = TestPromise()
        m.initialize(consumerKey: appKey, consumerSecret: appSecret, initialized.promise)
        try await initialized.expectTrue()
        let token = try await Emulator.mint()
        let withToken = TestPromise()
        m.initializeToken(accessToken: token, withToken.promise)
        try await withToken.expectTrue()
        _ = try await value { m.sessionOpen(info: ["name": "Ada"], $0.promise) }
        let logs = try await js.waitFor("onLog", "DEBUG records") { $0.contains { $0["level"] as? String == "DEBUG" } }
        for record in logs {
            checkKeys(record, Self.logKeys, required: ["level", "target", "message", "timestamp"])
            XCTAssertTrue(["ERROR", "WARN", "INFO", "DEBUG"].contains(record["level"] as? String ?? ""), "\(record)")
            XCTAssertTrue((record["target"] as? String ?? "").hasPrefix("iapi_core"), "\(record)")
        }
        // The core writes each record to the platform log, then to onLog: the platform log has
        // the same ones first (and perhaps one more, written meanwhile).
        let onLog = js.payloads("onLog").map { "\($0["level"]!) \($0["target"]!) \($0["message"]!) \($0["timestamp"]!)" }
        let platform = platformLog.records.get().map { "\($0.level) \($0.target) \($0.message) \($0.timestamp)" }
        XCTAssertEqual(Array(platform.prefix(onLog.count)), onLog)
        let text = (onLog + platform).joined(separator: "\n")
        for secret in [appKey, appSecret, token] { XCTAssertFalse(text.contains(secret), "a record holds a secret:\n\(text)") }
    }

    func testWithoutPlatformLogRecordsReachOnlyOnLog() async throws {
        js.subscribed.update { $0 = true }
        let m = module()
        _ = try await value { m.setLogLevel(level: "DEBUG", platformLog: false, $0.promise) }
        let initialized = TestPromise()
        m.initialize(consumerKey: appKey, consumerSecret: appSecret, initialized.promise)
        try await initialized.expectTrue()
        try await js.waitFor("onLog", "DEBUG records") { $0.contains { $0["level"] as? String == "DEBUG" } }
        try await Task.sleep(nanoseconds: 200_000_000)
        XCTAssertEqual(platformLog.records.get().count, 0, "\(platformLog.records.get())")

        // Turned on again: the next records go to both.
        _ = try await value { m.setLogLevel(level: "DEBUG", platformLog: true, $0.promise) }
        let since = Date().timeIntervalSince1970 * 1000
        let again = TestPromise()
        m.initialize(consumerKey: appKey, consumerSecret: appSecret, again.promise)
        try await again.expectTrue()
        let arrived = await eventually { platformLog.records.get().contains { $0.timestamp >= since } }
        XCTAssertTrue(arrived, "no record reached the platform log after platformLog: true")
    }

    func testAtTheDefaultLevelOnlyWarningsAndErrorsArrive() async throws {
        js.subscribed.update { $0 = true }
        let m = module()
        // A refused refresh is a WARN record; the HTTP requests (DEBUG) of the others are not sent.
        let initialized = TestPromise()
        m.initializeToken(accessToken: nil, initialized.promise)
        m.rejectAccessTokenRequest(requestId: try await js.nextTokenRequest().requestId, reason: "no backend")
        try await initialized.expectRejection("TOKEN_REFRESH_FAILED")
        _ = try await initializedModule()
        let logs = try await js.waitFor("onLog", "a WARN record") { $0.contains { $0["level"] as? String == "WARN" } }
        XCTAssertTrue(logs.allSatisfy { ["WARN", "ERROR"].contains($0["level"] as? String ?? "") }, "\(logs)")
        _ = await eventually { !platformLog.records.get().isEmpty }
        XCTAssertTrue(platformLog.records.get().allSatisfy { ["WARN", "ERROR"].contains($0.level) })
        XCTAssertFalse(platformLog.records.get().isEmpty, "the platform log is on by default")
    }
}
