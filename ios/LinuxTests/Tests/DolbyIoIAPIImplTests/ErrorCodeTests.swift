// Every promise rejects with a shared code and a readable message (the core's nativeError),
// never a bare "error" and never a secret; SERVER errors carry userInfo for JS.
import DolbyIoIAPIImpl
import Foundation
import XCTest

final class ErrorCodeTests: ModuleTestCase {
    func testInvalidArgument() async throws {
        let m = module()
        try await expect("INVALID_ARGUMENT", containing: "consumerKey") {
            m.initialize(consumerKey: " ", consumerSecret: appSecret, $0.promise)
        }
        try await expect("INVALID_ARGUMENT", containing: "info.name") {
            m.sessionOpen(info: ["name": 42], $0.promise)
        }
        // A bad configuration rejects the calls (it is only checked when the core object is made).
        let bad = module(config: configForBaseUrl(baseUrl: "http://10.0.0.1"))
        try await expect("INVALID_ARGUMENT", containing: "https") {
            bad.initialize(consumerKey: appKey, consumerSecret: appSecret, $0.promise)
        }
    }

    func testNotInitialized() async throws {
        let m = module()
        try await expect("NOT_INITIALIZED") { m.sessionOpen(info: nil, $0.promise) }
    }

    func testUnauthorized() async throws {
        let m = module()
        try await expect("UNAUTHORIZED") {
            m.initialize(consumerKey: appKey, consumerSecret: "wrong-secret", $0.promise)
        }
    }

    func testInvalidState() async throws {
        let m = try await initializedModule()
        try await expect("INVALID_STATE", containing: "no session") {
            m.sessionGetParticipant($0.promise)
        }
        let open = TestPromise()
        m.sessionOpen(info: nil, open.promise)
        _ = try await open.value()
        try await expect("INVALID_STATE", containing: "already open") {
            m.sessionOpen(info: nil, $0.promise)
        }
        let close = TestPromise()
        m.sessionClose(close.promise)
        _ = try await close.value()
    }

    func testServerAndNetwork() async throws {
        let m = module()
        try await Emulator.fault(route: "token", kind: "status", status: 503)
        try await expect("SERVER", containing: "503") {
            m.initialize(consumerKey: appKey, consumerSecret: appSecret, $0.promise)
        }
        // The platform's HTTP status and error_code (the emulator's injected body says 0) reach
        // the reject block's userInfo, which React hands to JS as error.userInfo.
        try await Emulator.fault(route: "token", kind: "status", status: 502)
        let server = TestPromise()
        m.initialize(consumerKey: appKey, consumerSecret: appSecret, server.promise)
        let rejected = try await server.rejectionWithUserInfo()
        XCTAssertEqual(rejected.code, "SERVER")
        XCTAssertEqual(rejected.userInfo?["status"] as? Int, 502)
        XCTAssertEqual(rejected.userInfo?["platformCode"] as? Int, 0)
        XCTAssertEqual(rejected.userInfo?.count, 2)
        // Other codes carry no userInfo.
        let notInitialized = TestPromise()
        module().sessionOpen(info: nil, notInitialized.promise)
        let other = try await notInitialized.rejectionWithUserInfo()
        XCTAssertEqual(other.code, "NOT_INITIALIZED")
        XCTAssertNil(other.userInfo)
        try await Emulator.fault(route: "token", kind: "drop")
        try await expect("NETWORK") {
            m.initialize(consumerKey: appKey, consumerSecret: appSecret, $0.promise)
        }
    }

    func testEveryCoreErrorKeepsItsCode() {
        // The mapping (the core's nativeError), for the kinds the emulator cannot provoke on demand.
        let cases: [(IapiError, String)] = [
            (.InvalidArgument(reason: "r"), "INVALID_ARGUMENT"), (.NotInitialized, "NOT_INITIALIZED"),
            (.InvalidState(reason: "r"), "INVALID_STATE"), (.Unauthorized(reason: "r"), "UNAUTHORIZED"),
            (.TokenRefreshFailed(reason: "r"), "TOKEN_REFRESH_FAILED"), (.Timeout(what: "w"), "TIMEOUT"),
            (.Network(reason: "r"), "NETWORK"), (.Server(status: 500, code: nil, reason: "r"), "SERVER"),
            (.Cancelled(reason: "r"), "CANCELLED"),
        ]
        for (error, code) in cases {
            let e = NativeError(error)
            XCTAssertEqual(e.code, code)
            XCTAssertFalse(e.message.isEmpty)
            XCTAssertFalse(e.message.contains("IapiError"), e.message)
        }
        // Server errors keep the status and error_code for the JS error's userInfo; others have none.
        let withCode = NativeError(IapiError.Server(status: 503, code: 7, reason: "r")).jsUserInfo
        XCTAssertEqual(withCode as NSDictionary?, ["status": 503, "platformCode": 7] as NSDictionary)
        let withoutCode = NativeError(IapiError.Server(status: 500, code: nil, reason: "r")).jsUserInfo
        XCTAssertEqual(withoutCode as NSDictionary?, ["status": 500] as NSDictionary)
        XCTAssertNil(NativeError(IapiError.Network(reason: "r")).jsUserInfo)
        // Anything else is an internal INVALID_STATE, without its text.
        struct Odd: Error { let secret = "s3cret" }
        let odd = NativeError(Odd())
        XCTAssertEqual(odd.code, "INVALID_STATE")
        XCTAssertFalse(odd.message.contains("s3cret"))
        XCTAssertNil(odd.jsUserInfo)
    }
}
