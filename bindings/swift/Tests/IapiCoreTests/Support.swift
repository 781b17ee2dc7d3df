// Test support: the emulator's control API, thread and polling helpers, typed-error assertions,
// and the base class that builds `NativeModuleHost`s (shut down after each test).
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import IapiCore
import XCTest

/// The app the emulator was started with (`--app swift-key:swift-secret`).
let appKey = ProcessInfo.processInfo.environment["IAPI_EMULATOR_APP_KEY"] ?? "swift-key"
let appSecret = ProcessInfo.processInfo.environment["IAPI_EMULATOR_APP_SECRET"] ?? "swift-secret"

// MARK: - Emulator control API

enum Emulator {
    /// `http://127.0.0.1:PORT`, from scripts/test-swift.sh.
    static let baseURL: String = {
        guard let url = ProcessInfo.processInfo.environment["IAPI_EMULATOR_URL"], !url.isEmpty else {
            fatalError("IAPI_EMULATOR_URL is not set: run the tests with scripts/test-swift.sh")
        }
        return url
    }()

    struct ControlError: Error, CustomStringConvertible {
        let description: String
    }

    private static let session: URLSession = {
        let c = URLSessionConfiguration.ephemeral
        c.timeoutIntervalForRequest = 10
        return URLSession(configuration: c)
    }()

    @discardableResult
    static func request(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        var req = URLRequest(url: URL(string: baseURL + path)!)
        req.httpMethod = method
        if let body {
            req.httpBody = try JSONSerialization.data(withJSONObject: body)
            req.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, status): (Data, Int) = try await withCheckedThrowingContinuation { cont in
            session.dataTask(with: req) { data, response, error in
                if let error {
                    cont.resume(throwing: error)
                } else {
                    cont.resume(returning: (data ?? Data(), (response as? HTTPURLResponse)?.statusCode ?? 0))
                }
            }.resume()
        }
        guard status == 200 else {
            throw ControlError(description: "\(method) \(path) -> \(status): \(String(decoding: data, as: UTF8.self))")
        }
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// A signed JWT for the test app living `ttlSecs` seconds (may be negative: already expired).
    static func mint(ttlSecs: Int = 600) async throws -> String {
        let answer = try await request("POST", "/_control/mint", ["appKey": appKey, "ttlSecs": ttlSecs])
        return answer["accessToken"] as! String
    }

    static func revoke(_ token: String) async throws {
        try await request("POST", "/_control/revoke", ["token": token])
    }

    static func fault(route: String, kind: String, status: Int? = nil, latencyMs: Int? = nil, times: Int? = 1) async throws {
        var body: [String: Any] = ["route": route, "kind": kind]
        if let status { body["status"] = status }
        if let latencyMs { body["latencyMs"] = latencyMs }
        if let times { body["times"] = times }
        try await request("POST", "/_control/faults", body)
    }

    static func clearFaults() async throws {
        try await request("DELETE", "/_control/faults")
    }

    /// Event WebSockets open now (`GET /_control/ws`).
    static func openSockets() async throws -> Int {
        let answer = try await request("GET", "/_control/ws")
        return (answer["open"] as? NSNumber)?.intValue ?? -1
    }

    /// Drops every event WebSocket with no close frame (`POST /_control/ws/drop`); returns how many.
    @discardableResult
    static func dropSockets() async throws -> Int {
        let answer = try await request("POST", "/_control/ws/drop")
        return (answer["dropped"] as? NSNumber)?.intValue ?? -1
    }

    /// Polls until `n` event WebSockets are open (sessions connect theirs in the background).
    static func awaitSockets(_ n: Int, timeout: TimeInterval = 10,
                             file: StaticString = #filePath, line: UInt = #line) async throws {
        let ok = try await eventually(timeout: timeout) { try await openSockets() == n }
        if !ok {
            let open = try await openSockets()
            XCTFail("expected \(n) open event WebSockets, have \(open)", file: file, line: line)
            throw ControlError(description: "sockets not connected")
        }
    }

    /// `{"token":N,"identify":N,"logout":N}`
    static func counters() async throws -> [String: Int] {
        let answer = try await request("GET", "/_control/counters")
        return answer.compactMapValues { ($0 as? NSNumber)?.intValue }
    }
}

/// A configuration pointing at the emulator.
func emulatorConfig(callbackTimeoutMs: UInt64? = nil) -> IapiConfig {
    var config = configForBaseUrl(baseUrl: Emulator.baseURL)
    if let callbackTimeoutMs { config.callbackTimeoutMs = callbackTimeoutMs }
    return config
}

// MARK: - Small thread-safe helpers

final class Locked<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T
    init(_ value: T) { self.value = value }
    func get() -> T { lock.lock(); defer { lock.unlock() }; return value }
    @discardableResult
    func update<R>(_ body: (inout T) -> R) -> R { lock.lock(); defer { lock.unlock() }; return body(&value) }
}

/// Counts instances created and deinitialized, for one test's objects only.
final class LiveCounter: @unchecked Sendable {
    let created = Locked(0)
    let released = Locked(0)
    var live: Int { created.get() - released.get() }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: TimeInterval = 5, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(nanoseconds: 10_000_000)
    }
    return try await condition()
}

/// The name of the calling OS thread (the core's Tokio threads are named "iapi-core").
func currentThreadName() -> String {
    // pthread_getname_np is not visible from Swift's Glibc module; /proc (mounted) has it.
    let comm = try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)
    return comm?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
}

/// Runs `body` on a fresh OS thread (neither the main thread, the test's, nor a core thread), as
/// a shim answers on whichever thread JS's answer arrives.
func onAnotherThread<T>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { cont in
        Thread { cont.resume(returning: body()) }.start()
    }
}

struct SomeSwiftError: Error, CustomStringConvertible {
    var description: String { "the backend is down" }
}

// MARK: - Typed errors

extension IapiError {
    /// The shared code derived from the Swift case alone (checked against `errorCode(error:)`).
    var caseCode: String {
        switch self {
        case .InvalidArgument: return "INVALID_ARGUMENT"
        case .NotInitialized: return "NOT_INITIALIZED"
        case .InvalidState: return "INVALID_STATE"
        case .Unauthorized: return "UNAUTHORIZED"
        case .TokenRefreshFailed: return "TOKEN_REFRESH_FAILED"
        case .Timeout: return "TIMEOUT"
        case .Network: return "NETWORK"
        case .Server: return "SERVER"
        case .Cancelled: return "CANCELLED"
        }
    }

    /// The human-readable part, whichever case.
    var reason: String {
        switch self {
        case let .InvalidArgument(r), let .InvalidState(r), let .Unauthorized(r),
             let .TokenRefreshFailed(r), let .Timeout(r), let .Network(r), let .Cancelled(r):
            return r
        case let .Server(_, _, r): return r
        case .NotInitialized: return ""
        }
    }
}

/// Runs `body`, which must throw an `IapiError` whose case and `errorCode` are both `code`.
@discardableResult
func assertIapiError<T>(
    _ code: String,
    file: StaticString = #filePath, line: UInt = #line,
    _ body: () async throws -> T
) async -> IapiError? {
    do {
        let value = try await body()
        XCTFail("expected \(code), got a value: \(value)", file: file, line: line)
        return nil
    } catch let error as IapiError {
        XCTAssertEqual(error.caseCode, code, "case of \(error)", file: file, line: line)
        XCTAssertEqual(errorCode(error: error), code, "errorCode of \(error)", file: file, line: line)
        return error
    } catch {
        XCTFail("expected IapiError \(code), got \(type(of: error)): \(error)", file: file, line: line)
        return nil
    }
}

/// Base class: every test starts and ends with no faults queued on the emulator; the hosts it
/// made are shut down after it.
class EmulatorTestCase: XCTestCase {
    private var hosts: [NativeModuleHost] = []

    override func setUp() async throws {
        try await Emulator.clearFaults()
    }

    override func tearDown() async throws {
        hosts.forEach { $0.shutdown(reason: "test over") }
        hosts = []
        try await Emulator.clearFaults()
    }

    /// A host over the emulator whose events go to `events`, shut down after the test.
    func makeHost(_ events: RecordingEvents, config: IapiConfig = emulatorConfig()) -> NativeModuleHost {
        let host = NativeModuleHost(config: config, events: events)
        hosts.append(host)
        return host
    }

    /// `initializeToken(nil)` answered through the bridge with `token`.
    func initialize(_ host: NativeModuleHost, _ events: RecordingEvents, token: String) async throws {
        let asked = events.requests.count
        async let initialized = host.initializeToken(accessToken: nil)
        let request = try await events.waitForRequest(asked + 1)
        host.resolveAccessTokenRequest(requestId: request.request.requestId, accessToken: token)
        let ok = try await initialized
        XCTAssertTrue(ok)
    }

    /// A host initialized with the app's key and secret.
    func initializedHost(_ events: RecordingEvents = RecordingEvents()) async throws -> NativeModuleHost {
        let host = makeHost(events)
        let ok = try await host.initialize(consumerKey: appKey, consumerSecret: appSecret)
        XCTAssertTrue(ok)
        return host
    }
}
