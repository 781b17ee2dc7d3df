// Test support: the emulator's control API, providers and listeners with call and deinit
// counters, and typed-error assertions.
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

// MARK: - Providers and listeners

/// An `AccessTokenProvider` written in Swift: runs `body`, records every call, counts instances.
final class TestProvider: AccessTokenProvider, @unchecked Sendable {
    struct Call { let isExpired: Bool; let at: Date }
    let calls = Locked<[Call]>([])
    private let body: @Sendable (Bool) async throws -> String
    private let counter: LiveCounter?

    init(counter: LiveCounter? = nil, _ body: @escaping @Sendable (Bool) async throws -> String) {
        self.body = body
        self.counter = counter
        counter?.created.update { $0 += 1 }
    }

    deinit { counter?.released.update { $0 += 1 } }

    /// A provider answering every call with a fresh emulator token living `ttlSecs`.
    static func minting(ttlSecs: Int = 600, delayMs: UInt64 = 0, counter: LiveCounter? = nil) -> TestProvider {
        TestProvider(counter: counter) { _ in
            if delayMs > 0 { try await Task.sleep(nanoseconds: delayMs * 1_000_000) }
            return try await Emulator.mint(ttlSecs: ttlSecs)
        }
    }

    /// A provider that never answers (until its task is cancelled); records the cancellation.
    static func hanging(cancelled: Locked<Bool>? = nil) -> TestProvider {
        TestProvider { _ in
            do {
                try await Task.sleep(nanoseconds: 60_000_000_000)
            } catch {
                cancelled?.update { $0 = true }
                throw error
            }
            return ""
        }
    }

    func refreshAccessToken(isExpired: Bool) async throws -> String {
        calls.update { $0.append(Call(isExpired: isExpired, at: Date())) }
        return try await body(isExpired)
    }

    var callCount: Int { calls.get().count }
}

/// A `TokenRequestListener` that records each request and where it was delivered.
final class RecordingListener: TokenRequestListener, @unchecked Sendable {
    struct Delivery {
        let request: AccessTokenRequest
        let isMainThread: Bool
        let thread: pthread_t
        let threadName: String
    }
    let deliveries = Locked<[Delivery]>([])
    private let onRequest: (@Sendable (AccessTokenRequest) -> Void)?
    private let counter: LiveCounter?

    init(counter: LiveCounter? = nil, onRequest: (@Sendable (AccessTokenRequest) -> Void)? = nil) {
        self.onRequest = onRequest
        self.counter = counter
        counter?.created.update { $0 += 1 }
    }

    deinit { counter?.released.update { $0 += 1 } }

    func onAccessTokenRequest(request: AccessTokenRequest) {
        deliveries.update {
            $0.append(Delivery(request: request, isMainThread: Thread.isMainThread,
                               thread: pthread_self(), threadName: currentThreadName()))
        }
        onRequest?(request)
    }

    struct NotDelivered: Error, CustomStringConvertible {
        let n: Int
        var description: String { "request #\(n) was not delivered to the listener" }
    }

    /// Waits for the `n`-th delivery (1-based); throws when it does not come in time.
    func waitFor(_ n: Int = 1, timeout: TimeInterval = 5) async throws -> Delivery {
        _ = await eventually(timeout: timeout) { deliveries.get().count >= n }
        let all = deliveries.get()
        guard all.count >= n else { throw NotDelivered(n: n) }
        return all[n - 1]
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

/// Base class: every test starts and ends with no faults queued on the emulator.
class EmulatorTestCase: XCTestCase {
    override func setUp() async throws {
        try await Emulator.clearFaults()
    }

    override func tearDown() async throws {
        try await Emulator.clearFaults()
    }

    /// An SDK initialized with the app's key and secret.
    func initializedSdk(callbackTimeoutMs: UInt64? = nil) async throws -> DolbyIoIapi {
        let sdk = try DolbyIoIapi(config: emulatorConfig(callbackTimeoutMs: callbackTimeoutMs))
        let ok = try await sdk.initialize(consumerKey: appKey, consumerSecret: appSecret)
        XCTAssertTrue(ok)
        return sdk
    }
}
