// initialize(key, secret), the configuration, and the session methods of the host.
import Foundation
import IapiCore
import XCTest

final class SessionTests: EmulatorTestCase {
    func testInitializeThenSessionOpenAndClose() async throws {
        let host = try await initializedHost()
        let closedAtFirst = try await host.sessionIsOpen()
        XCTAssertFalse(closedAtFirst)

        let info = ParticipantInfo(name: "Ada", externalId: "ada-swift", avatarUrl: nil)
        let participant = try await host.sessionOpen(info: info)
        XCTAssertFalse(participant.id.isEmpty)
        XCTAssertEqual(participant.info, info)
        XCTAssertNil(participant.status, "the session's participant has no status")
        XCTAssertNil(participant.participantType)
        let open = try await host.sessionIsOpen()
        XCTAssertTrue(open)
        let current = try await host.sessionGetParticipant()
        XCTAssertEqual(current, participant)

        try await host.sessionClose()
        let closed = try await host.sessionIsOpen()
        XCTAssertFalse(closed)
        await assertIapiError("INVALID_STATE") { try await host.sessionGetParticipant() }

        // The token is kept: the session opens again, with the same id for the same externalId.
        let again = try await host.sessionOpen(info: info)
        XCTAssertEqual(again.id, participant.id)
        try await host.sessionClose()
        try await host.sessionClose() // closing a closed session does nothing
    }

    func testOpenWithoutInfo() async throws {
        let host = try await initializedHost()
        let participant = try await host.sessionOpen(info: nil)
        XCTAssertFalse(participant.id.isEmpty)
        XCTAssertNil(participant.info.name)
        try await host.sessionClose()
    }

    func testWrongSecretIsUnauthorizedWithoutTheSecret() async throws {
        let host = makeHost(RecordingEvents())
        let error = await assertIapiError("UNAUTHORIZED") {
            try await host.initialize(consumerKey: appKey, consumerSecret: "not-the-secret")
        }
        guard let error, case .Unauthorized = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertFalse(error.reason.contains("not-the-secret"), "the secret leaked: \(error)")
        XCTAssertFalse(errorMessage(error: error).contains("not-the-secret"), "the secret leaked: \(error)")
    }

    func testBlankKeyIsInvalidArgumentWithoutNetwork() async throws {
        let before = try await Emulator.counters()["token"]
        let host = makeHost(RecordingEvents())
        await assertIapiError("INVALID_ARGUMENT") {
            try await host.initialize(consumerKey: "  ", consumerSecret: appSecret)
        }
        await assertIapiError("INVALID_ARGUMENT") {
            try await host.initialize(consumerKey: appKey, consumerSecret: "")
        }
        let after = try await Emulator.counters()["token"]
        XCTAssertEqual(before, after, "a blank input must not reach the network")
    }

    func testSessionBeforeInitializeIsNotInitialized() async throws {
        let host = makeHost(RecordingEvents())
        let error = await assertIapiError("NOT_INITIALIZED") { try await host.sessionOpen(info: nil) }
        XCTAssertEqual(error, .NotInitialized)
        let open = try await host.sessionIsOpen()
        XCTAssertFalse(open)
    }

    func testARefusedConfigurationRejectsEveryCall() async throws {
        // The host's constructor cannot fail: the configuration is checked on the first call,
        // and every call then rejects with its error.
        var refused = ["http://example.com", "ftp://127.0.0.1", "nonsense"].map { configForBaseUrl(baseUrl: $0) }
        refused.append(emulatorConfig(callbackTimeoutMs: 0))
        for config in refused {
            let host = makeHost(RecordingEvents(), config: config)
            await assertIapiError("INVALID_ARGUMENT") { try await host.initialize(consumerKey: appKey, consumerSecret: appSecret) }
            await assertIapiError("INVALID_ARGUMENT") { try await host.getTokenState() }
            await assertIapiError("INVALID_ARGUMENT") { try await host.sessionIsOpen() }
        }
        // Production defaults are valid (no network call before initialize).
        let production = makeHost(RecordingEvents(), config: defaultConfig())
        let state = try await production.getTokenState()
        XCTAssertEqual(state.state, "NONE")
        XCTAssertEqual(defaultConfig().callbackTimeoutMs, 30_000)
    }
}
