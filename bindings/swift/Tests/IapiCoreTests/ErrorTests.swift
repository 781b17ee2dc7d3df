// Every error kind reaches Swift through the host as the typed IapiError case with its shared
// code, and the free functions describe it as the spec does (errorCode, errorMessage, nativeError).
// TOKEN_REFRESH_FAILED, TIMEOUT and CANCELLED from token requests: TokenRequestTests.
import Foundation
import IapiCore
import XCTest

final class ErrorTests: EmulatorTestCase {
    func testInvalidArgument() async throws {
        let host = makeHost(RecordingEvents(), config: configForBaseUrl(baseUrl: "http://10.0.0.1"))
        let error = await assertIapiError("INVALID_ARGUMENT") { try await host.sessionIsOpen() }
        guard case .InvalidArgument = error else { return XCTFail("\(String(describing: error))") }
    }

    func testInvalidState() async throws {
        let host = try await initializedHost()
        _ = try await host.sessionOpen(info: nil)
        let error = await assertIapiError("INVALID_STATE") { try await host.sessionOpen(info: nil) }
        XCTAssertTrue(error?.reason.contains("already open") ?? false, "\(String(describing: error))")
        try await host.sessionClose()
        await assertIapiError("INVALID_STATE") { try await host.sessionGetParticipant() }
    }

    func testUnauthorized() async throws {
        let host = makeHost(RecordingEvents())
        await assertIapiError("UNAUTHORIZED") { try await host.initialize(consumerKey: "no-such-key", consumerSecret: "x") }
    }

    func testNetworkForDroppedConnection() async throws {
        try await Emulator.fault(route: "token", kind: "drop", times: 1)
        let host = makeHost(RecordingEvents())
        let error = await assertIapiError("NETWORK") {
            try await host.initialize(consumerKey: appKey, consumerSecret: appSecret)
        }
        guard case .Network = error else { return XCTFail("\(String(describing: error))") }
        // The fault was consumed; the next attempt works.
        let ok = try await host.initialize(consumerKey: appKey, consumerSecret: appSecret)
        XCTAssertTrue(ok)
    }

    func testNetworkForClosedPort() async throws {
        let host = makeHost(RecordingEvents(), config: configForBaseUrl(baseUrl: "http://127.0.0.1:9"))
        await assertIapiError("NETWORK") { try await host.initialize(consumerKey: appKey, consumerSecret: appSecret) }
    }

    func testServerForStatusFault() async throws {
        let host = try await initializedHost()
        try await Emulator.fault(route: "identify", kind: "status", status: 503, times: 1)
        let error = await assertIapiError("SERVER") { try await host.sessionOpen(info: nil) }
        guard let error, case let .Server(status, code, reason) = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(status, 503)
        XCTAssertEqual(code, 0)
        XCTAssertTrue(reason.contains("Injected"), reason)
        let native = nativeError(error: error)
        XCTAssertEqual(native.code, "SERVER")
        XCTAssertEqual(native.status, 503)
        XCTAssertEqual(native.platformCode, 0)
        XCTAssertEqual(native.message, errorMessage(error: error))
        XCTAssertTrue(native.message.contains("Injected"), native.message)
        let open = try await host.sessionIsOpen()
        XCTAssertFalse(open)
    }

    func testCodesAndNativeErrorsForEveryCase() {
        let all: [IapiError] = [
            .InvalidArgument(reason: "r"), .NotInitialized, .InvalidState(reason: "r"),
            .Unauthorized(reason: "r"), .TokenRefreshFailed(reason: "r"), .Timeout(what: "w"),
            .Network(reason: "r"), .Server(status: 500, code: 7, reason: "r"), .Cancelled(reason: "r"),
        ]
        XCTAssertEqual(all.map { errorCode(error: $0) }, [
            "INVALID_ARGUMENT", "NOT_INITIALIZED", "INVALID_STATE", "UNAUTHORIZED",
            "TOKEN_REFRESH_FAILED", "TIMEOUT", "NETWORK", "SERVER", "CANCELLED",
        ])
        for e in all {
            XCTAssertEqual(errorCode(error: e), e.caseCode)
            let native = nativeError(error: e)
            XCTAssertEqual(native.code, e.caseCode)
            XCTAssertEqual(native.message, errorMessage(error: e))
            XCTAssertFalse(native.message.isEmpty, "\(e)")
            if case .Server = e {
                XCTAssertEqual(native.status, 500)
                XCTAssertEqual(native.platformCode, 7)
            } else {
                XCTAssertNil(native.status, "\(e)")
                XCTAssertNil(native.platformCode, "\(e)")
            }
        }
        // The reason is part of the message.
        XCTAssertTrue(errorMessage(error: .Unauthorized(reason: "bad key")).contains("bad key"))
    }
}
