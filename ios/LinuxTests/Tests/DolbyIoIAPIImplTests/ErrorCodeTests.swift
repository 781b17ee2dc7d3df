// Every promise rejects with a shared code and a readable message, never a bare "error" and
// never a secret.
import DolbyIoIAPIImpl
import Foundation
import XCTest

final class ErrorCodeTests: ModuleTestCase {
    private func expect(_ code: String, containing text: String? = nil, file: StaticString = #filePath, line: UInt = #line,
                        _ call: (TestPromise) -> Void) async throws {
        let p = TestPromise()
        call(p)
        let rejection = try await p.rejection()
        XCTAssertEqual(rejection.code, code, rejection.message, file: file, line: line)
        if let text { XCTAssertTrue(rejection.message.contains(text), rejection.message, file: file, line: line) }
        XCTAssertFalse(rejection.message.contains(appSecret), "secret in \(rejection.message)", file: file, line: line)
    }

    func testInvalidArgument() async throws {
        let m = module()
        try await expect("INVALID_ARGUMENT", containing: "consumerKey") {
            m.initialize(consumerKey: " ", consumerSecret: appSecret, resolve: $0.resolve, reject: $0.reject)
        }
        try await expect("INVALID_ARGUMENT", containing: "info.name") {
            m.sessionOpen(info: ["name": 42], resolve: $0.resolve, reject: $0.reject)
        }
        // A bad configuration rejects the calls (it is only checked when the core object is made).
        let bad = module(config: configForBaseUrl(baseUrl: "http://10.0.0.1"))
        try await expect("INVALID_ARGUMENT", containing: "https") {
            bad.initialize(consumerKey: appKey, consumerSecret: appSecret, resolve: $0.resolve, reject: $0.reject)
        }
    }

    func testNotInitialized() async throws {
        let m = module()
        try await expect("NOT_INITIALIZED") { m.sessionOpen(info: nil, resolve: $0.resolve, reject: $0.reject) }
    }

    func testUnauthorized() async throws {
        let m = module()
        try await expect("UNAUTHORIZED") {
            m.initialize(consumerKey: appKey, consumerSecret: "wrong-secret", resolve: $0.resolve, reject: $0.reject)
        }
    }

    func testInvalidState() async throws {
        let m = try await initializedModule()
        try await expect("INVALID_STATE", containing: "no session") {
            m.sessionGetParticipant(resolve: $0.resolve, reject: $0.reject)
        }
        let open = TestPromise()
        m.sessionOpen(info: nil, resolve: open.resolve, reject: open.reject)
        _ = try await open.value()
        try await expect("INVALID_STATE", containing: "already open") {
            m.sessionOpen(info: nil, resolve: $0.resolve, reject: $0.reject)
        }
        let close = TestPromise()
        m.sessionClose(resolve: close.resolve, reject: close.reject)
        _ = try await close.value()
    }

    func testServerAndNetwork() async throws {
        let m = module()
        try await Emulator.fault(route: "token", kind: "status", status: 503)
        try await expect("SERVER", containing: "503") {
            m.initialize(consumerKey: appKey, consumerSecret: appSecret, resolve: $0.resolve, reject: $0.reject)
        }
        try await Emulator.fault(route: "token", kind: "drop")
        try await expect("NETWORK") {
            m.initialize(consumerKey: appKey, consumerSecret: appSecret, resolve: $0.resolve, reject: $0.reject)
        }
    }

    func testEveryCoreErrorKeepsItsCode() {
        // The mapping itself, for the kinds the emulator cannot provoke on demand.
        let cases: [(IapiError, String)] = [
            (.InvalidArgument(reason: "r"), "INVALID_ARGUMENT"), (.NotInitialized, "NOT_INITIALIZED"),
            (.InvalidState(reason: "r"), "INVALID_STATE"), (.Unauthorized(reason: "r"), "UNAUTHORIZED"),
            (.TokenRefreshFailed(reason: "r"), "TOKEN_REFRESH_FAILED"), (.Timeout(what: "w"), "TIMEOUT"),
            (.Network(reason: "r"), "NETWORK"), (.Server(status: 500, code: nil, reason: "r"), "SERVER"),
            (.Cancelled(reason: "r"), "CANCELLED"),
        ]
        for (error, code) in cases {
            let e = DolbyIoIAPIModuleError(error)
            XCTAssertEqual(e.code, code)
            XCTAssertFalse(e.message.isEmpty)
            XCTAssertFalse(e.message.contains("IapiError"), e.message)
        }
        XCTAssertEqual(DolbyIoIAPIModuleError(CancellationError()).code, "CANCELLED")
        struct Odd: Error { let secret = "s3cret" }
        let odd = DolbyIoIAPIModuleError(Odd())
        XCTAssertEqual(odd.code, "INVALID_STATE")
        XCTAssertFalse(odd.message.contains("s3cret"))
    }
}
