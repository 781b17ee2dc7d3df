// initialize(key, secret) and the session service, like the Kotlin InitializeTest.
import Foundation
import IapiCore
import XCTest

final class InitializeTests: EmulatorTestCase {
    func testInitializeThenSessionOpenAndClose() async throws {
        let sdk = try await initializedSdk()
        let session = sdk.session()
        XCTAssertFalse(session.isOpen())

        let info = ParticipantInfo(name: "Ada", externalId: "ada-swift", avatarUrl: nil)
        let participant = try await session.open(info: info)
        XCTAssertFalse(participant.id.isEmpty)
        XCTAssertEqual(participant.info, info)
        XCTAssertTrue(session.isOpen())
        XCTAssertEqual(try session.participant(), participant)

        try await session.close()
        XCTAssertFalse(session.isOpen())
        await assertIapiError("INVALID_STATE") { try session.participant() }

        // The token is kept: the session opens again, with the same id for the same externalId.
        let again = try await session.open(info: info)
        XCTAssertEqual(again.id, participant.id)
        try await session.close()
        try await session.close() // closing a closed session does nothing
    }

    func testOpenWithoutInfo() async throws {
        let sdk = try await initializedSdk()
        let participant = try await sdk.session().open(info: nil)
        XCTAssertFalse(participant.id.isEmpty)
        XCTAssertNil(participant.info.name)
        try await sdk.session().close()
    }

    func testWrongSecretIsUnauthorized() async throws {
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        let error = await assertIapiError("UNAUTHORIZED") {
            try await sdk.initialize(consumerKey: appKey, consumerSecret: "not-the-secret")
        }
        guard case .Unauthorized = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertFalse(error!.reason.contains("not-the-secret"), "the secret leaked: \(error!)")
    }

    func testBlankKeyIsInvalidArgumentWithoutNetwork() async throws {
        let before = try await Emulator.counters()["token"]
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        await assertIapiError("INVALID_ARGUMENT") {
            try await sdk.initialize(consumerKey: "  ", consumerSecret: appSecret)
        }
        await assertIapiError("INVALID_ARGUMENT") {
            try await sdk.initialize(consumerKey: appKey, consumerSecret: "")
        }
        let after = try await Emulator.counters()["token"]
        XCTAssertEqual(before, after, "a blank input must not reach the network")
    }

    func testSessionBeforeInitializeIsNotInitialized() async throws {
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        let error = await assertIapiError("NOT_INITIALIZED") { try await sdk.session().open(info: nil) }
        XCTAssertEqual(error, .NotInitialized)
        XCTAssertFalse(sdk.session().isOpen())
    }

    func testBadConfigurationIsInvalidArgument() async throws {
        for url in ["http://example.com", "ftp://127.0.0.1", "nonsense"] {
            await assertIapiError("INVALID_ARGUMENT") { try DolbyIoIapi(config: configForBaseUrl(baseUrl: url)) }
        }
        await assertIapiError("INVALID_ARGUMENT") { try DolbyIoIapi(config: emulatorConfig(callbackTimeoutMs: 0)) }
        // Production defaults are valid (no network call at construction).
        _ = try DolbyIoIapi(config: defaultConfig())
        XCTAssertEqual(defaultConfig().callbackTimeoutMs, 30_000)
    }
}
