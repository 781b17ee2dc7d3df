// The native module's host's state events and logs through the Swift bindings: connection states
// in order, token states, setLogLevel, and log records (to JS and to the platform log writer)
// without the token's text.
import Foundation
import IapiCore
import XCTest

final class NativeModuleHostTests: EmulatorTestCase {
    func host(_ events: RecordingEvents) -> NativeModuleHost { makeHost(events) }

    func testConnectionStatesArriveInOrderThroughOpenAndClose() async throws {
        let events = RecordingEvents()
        let host = host(events)
        try await initialize(host, events, token: try await Emulator.mint())
        let before = try await host.sessionGetConnectionState()
        XCTAssertEqual(before.state, "DISCONNECTED")

        _ = try await host.sessionOpen(info: ParticipantInfo(name: "Ada", externalId: nil, avatarUrl: nil))
        try await events.wait("CONNECTED") { events.connectionStates.last?.state == "CONNECTED" }
        XCTAssertEqual(events.connectionStates.map(\.state), ["CONNECTING", "CONNECTED"])
        for s in events.connectionStates {
            XCTAssertNil(s.attempt)
            XCTAssertNil(s.retryInMs)
            XCTAssertNil(s.reason)
        }
        let open = try await host.sessionGetConnectionState()
        XCTAssertEqual(open.state, "CONNECTED")
        XCTAssertEqual(open.sequence, events.connectionStates.last?.sequence, "the getter's snapshot is the last event")

        try await host.sessionClose()
        try await events.wait("DISCONNECTED") { events.connectionStates.last?.state == "DISCONNECTED" }
        XCTAssertEqual(events.connectionStates.map(\.state), ["CONNECTING", "CONNECTED", "DISCONNECTED"])
        let sequences = events.connectionStates.map(\.sequence)
        XCTAssertEqual(sequences, sequences.sorted(), "sequence grows")
        XCTAssertEqual(Set(sequences).count, sequences.count, "each change once")
        XCTAssertGreaterThan(sequences[0], before.sequence)
        let closed = try await host.sessionGetConnectionState()
        XCTAssertEqual(closed.state, "DISCONNECTED")
    }

    func testTokenStatesTellTheRefreshAndItsOutcome() async throws {
        let events = RecordingEvents()
        let host = host(events)
        let none = try await host.getTokenState()
        XCTAssertEqual(none.state, "NONE")
        let token = try await Emulator.mint(ttlSecs: 600)
        try await initialize(host, events, token: token)
        try await events.wait("VALID") { events.tokenStates.last?.state == "VALID" }
        let states = events.tokenStates
        XCTAssertEqual(states.map(\.state), ["REFRESHING", "VALID"])
        XCTAssertEqual(states[0].refresh, NativeTokenRefresh(trigger: "INITIALIZE", outcome: nil, errorCode: nil, errorMessage: nil))
        XCTAssertEqual(states[1].refresh?.trigger, "INITIALIZE")
        XCTAssertEqual(states[1].refresh?.outcome, "REFRESHED")
        let expiresAt = try XCTUnwrap(states[1].expiresAt)
        XCTAssertEqual(expiresAt / 1000, Date().timeIntervalSince1970 + 600, accuracy: 30)
        XCTAssertLessThan(try XCTUnwrap(states[1].nextRefreshAt), expiresAt)
        let now = try await host.getTokenState()
        XCTAssertEqual(now.state, "VALID")
        XCTAssertEqual(now.sequence, states[1].sequence)
    }

    func testAnUnknownLevelIsInvalidArgument() async throws {
        let host = host(RecordingEvents())
        for level in ["VERBOSE", "warning", ""] {
            await assertIapiError("INVALID_ARGUMENT") { try await host.setLogLevel(level: level, platformLog: true) }
        }
        for level in ["OFF", "ERROR", "WARN", "INFO", "DEBUG", "TRACE"] {
            try await host.setLogLevel(level: level, platformLog: false)
        }
    }

    func testLogRecordsReachTheShimAndThePlatformLogWithoutTheToken() async throws {
        let events = RecordingEvents()
        let host = host(events)
        try await host.setLogLevel(level: "TRACE", platformLog: true)
        let token = try await Emulator.mint()
        try await initialize(host, events, token: token)
        _ = try await host.sessionOpen(info: nil)
        try await events.wait("CONNECTED") { events.connectionStates.last?.state == "CONNECTED" }
        try await host.sessionClose()
        try await events.wait("DEBUG records") { events.logs.contains { $0.level == "DEBUG" } }

        // Each record goes to the platform log first, then to onLog.
        var platform: [NativeLogRecord] = []
        for event in events.events.get() {
            switch event {
            case let .platformLog(r): platform.append(r)
            case let .log(r):
                XCTAssertEqual(platform.first, r, "onLog before the platform log")
                if !platform.isEmpty { platform.removeFirst() }
            default: break
            }
        }
        for r in events.logs {
            XCTAssertTrue(["ERROR", "WARN", "INFO", "DEBUG", "TRACE"].contains(r.level), r.level)
            XCTAssertTrue(r.target.hasPrefix("iapi_core"), r.target)
            XCTAssertFalse(r.message.contains(token), "the token in: \(r.message)")
            XCTAssertFalse(r.message.contains(appSecret), "the secret in: \(r.message)")
            XCTAssertGreaterThan(r.timestamp, 1e12)
        }

        // platformLog false: records reach the shim's onLog only.
        try await host.setLogLevel(level: "DEBUG", platformLog: false)
        let since = Date().timeIntervalSince1970 * 1000
        let logsBefore = events.logs.count
        try await initialize(host, events, token: try await Emulator.mint())
        try await events.wait("more records") { events.logs.count > logsBefore }
        XCTAssertFalse(events.platformLogs.contains { $0.timestamp > since }, "\(events.platformLogs.suffix(3))")
    }
}
