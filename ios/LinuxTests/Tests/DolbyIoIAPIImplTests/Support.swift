// Test support: the emulator's control API, a fake JS side (event sink with a subscription
// flag), promises that record their settlements, and small thread-safe helpers.
import DolbyIoIAPIImpl
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

let appKey = ProcessInfo.processInfo.environment["IAPI_EMULATOR_APP_KEY"] ?? "ios-key"
let appSecret = ProcessInfo.processInfo.environment["IAPI_EMULATOR_APP_SECRET"] ?? "ios-secret"

// MARK: - Helpers

final class Locked<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T
    init(_ value: T) { self.value = value }
    func get() -> T { lock.lock(); defer { lock.unlock() }; return value }
    @discardableResult
    func update<R>(_ body: (inout T) -> R) -> R { lock.lock(); defer { lock.unlock() }; return body(&value) }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: TimeInterval = 5, _ condition: () throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        try? await Task.sleep(nanoseconds: 10_000_000)
    }
    return try condition()
}

/// Runs `body` on a fresh OS thread (as React calls a module method from its own queue).
func onAnotherThread(_ body: @escaping () -> Void) async {
    await withCheckedContinuation { (cont: CheckedContinuation<Void, Never>) in
        Thread { body(); cont.resume() }.start()
    }
}

func millis(since start: Date) -> Int { Int(Date().timeIntervalSince(start) * 1000) }

struct TestFailure: Error, CustomStringConvertible { let description: String }

// MARK: - Emulator control API

enum Emulator {
    static let baseURL: String = {
        guard let url = ProcessInfo.processInfo.environment["IAPI_EMULATOR_URL"], !url.isEmpty else {
            fatalError("IAPI_EMULATOR_URL is not set: run the tests with scripts/test-ios.sh")
        }
        return url
    }()

    private static let session: URLSession = {
        let c = URLSessionConfiguration.ephemeral
        c.timeoutIntervalForRequest = 10
        return URLSession(configuration: c)
    }()

    @discardableResult
    static func request(_ method: String, _ path: String, _ body: [String: Any]? = nil,
                        bearer: String? = nil) async throws -> [String: Any] {
        var req = URLRequest(url: URL(string: baseURL + path)!)
        req.httpMethod = method
        if let bearer { req.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        if let body {
            req.httpBody = try JSONSerialization.data(withJSONObject: body)
            req.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, status): (Data, Int) = try await withCheckedThrowingContinuation { cont in
            session.dataTask(with: req) { data, response, error in
                if let error { cont.resume(throwing: error) } else {
                    cont.resume(returning: (data ?? Data(), (response as? HTTPURLResponse)?.statusCode ?? 0))
                }
            }.resume()
        }
        guard status == 200 else {
            throw TestFailure(description: "\(method) \(path) -> \(status): \(String(decoding: data, as: UTF8.self))")
        }
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// A signed JWT for the test app living `ttlSecs` seconds (negative: already expired).
    static func mint(ttlSecs: Int = 3600) async throws -> String {
        try await request("POST", "/_control/mint", ["appKey": appKey, "ttlSecs": ttlSecs])["accessToken"] as! String
    }

    static func fault(route: String, kind: String, status: Int? = nil, latencyMs: Int? = nil, times: Int? = 1) async throws {
        var body: [String: Any] = ["route": route, "kind": kind]
        if let status { body["status"] = status }
        if let latencyMs { body["latencyMs"] = latencyMs }
        if let times { body["times"] = times }
        try await request("POST", "/_control/faults", body)
    }

    /// The conference payload as the emulator has it (with `isMuted` and `permissions`, which
    /// the module's NativeParticipant does not carry).
    static func conference(_ id: String) async throws -> [String: Any] {
        try await request("GET", "/v1/conferences/\(id)", bearer: try await mint())
    }

    /// Event WebSockets open now (`GET /_control/ws`).
    static func openSockets() async throws -> Int {
        (try await request("GET", "/_control/ws")["open"] as? NSNumber)?.intValue ?? -1
    }

    static func clearFaults() async throws { try await request("DELETE", "/_control/faults") }

    static func counter(_ route: String) async throws -> Int {
        (try await request("GET", "/_control/counters")[route] as? NSNumber)?.intValue ?? -1
    }

    static func config(callbackTimeoutMs: UInt64? = nil) -> IapiConfig {
        var config = configForBaseUrl(baseUrl: baseURL)
        if let callbackTimeoutMs { config.callbackTimeoutMs = callbackTimeoutMs }
        return config
    }
}

// MARK: - The JS side

/// The spec's state and log events: they come with most calls, and JS may miss those emitted
/// before it subscribes (the getters and `sequence` catch up), so they are recorded apart.
let stateEvents: Set<String> = ["onConnectionStateChange", "onTokenStateChange", "onLog"]

/// What React's emitter does for the module: records events by name with their payloads
/// (`stateEvents` in `states`, the others in `emitted`); `subscribed` says whether JS has a
/// listener (an event of `emitted` emitted while it has none would be lost in the app: counted
/// as early); `broken` refuses every event (the emitter is gone).
final class FakeJs: DolbyIoIAPIEventSink, @unchecked Sendable {
    struct Emitted { let name: String; let payload: [String: Any]; let isMainThread: Bool }
    let subscribed = Locked(false)
    let broken = Locked(false)
    let emitted = Locked<[Emitted]>([])
    let states = Locked<[Emitted]>([])
    let earlyEmits = Locked(0)
    private let taken = Locked(0)

    func emit(_ name: String, _ payload: [String: Any]) -> Bool {
        if broken.get() { return false }
        let event = Emitted(name: name, payload: payload, isMainThread: Thread.isMainThread)
        if stateEvents.contains(name) { states.update { $0.append(event) }; return true }
        if !subscribed.get() { earlyEmits.update { $0 += 1 } }
        emitted.update { $0.append(event) }
        return true
    }

    /// The payloads of the state event `name` so far, in order.
    func payloads(_ name: String) -> [[String: Any]] { states.get().filter { $0.name == name }.map(\.payload) }

    /// Waits until `condition` holds for the payloads of `name`; returns them.
    @discardableResult
    func waitFor(_ name: String, _ what: String, timeout: TimeInterval = 10,
                 _ condition: ([[String: Any]]) -> Bool) async throws -> [[String: Any]] {
        guard await eventually(timeout: timeout, { condition(payloads(name)) }) else {
            throw TestFailure(description: "\(what): no such \(name) within \(timeout) s; got \(payloads(name))")
        }
        return payloads(name)
    }

    struct TokenRequest { let requestId: String; let isExpired: Bool; let payload: [String: Any] }

    /// The next event not returned yet, which must be an `onAccessTokenRequest`.
    func nextTokenRequest(timeout: TimeInterval = 5) async throws -> TokenRequest {
        let n = taken.get() + 1
        _ = await eventually(timeout: timeout) { emitted.get().count >= n }
        let all = emitted.get()
        guard all.count >= n else { throw TestFailure(description: "no event #\(n) within \(timeout) s") }
        taken.update { $0 = n }
        let event = all[n - 1]
        guard event.name == "onAccessTokenRequest", let id = event.payload["requestId"] as? String,
              let isExpired = event.payload["isExpired"] as? Bool else {
            throw TestFailure(description: "unexpected event \(event.name) \(event.payload)")
        }
        XCTAssertFalse(event.isMainThread, "an event was emitted on the main thread")
        return TokenRequest(requestId: id, isExpired: isExpired, payload: event.payload)
    }

    /// No event beyond those already returned, now and for `wait` seconds.
    func assertNoEvent(wait: TimeInterval = 0.2, file: StaticString = #filePath, line: UInt = #line) async {
        try? await Task.sleep(nanoseconds: UInt64(wait * 1e9))
        let extra = emitted.get().dropFirst(taken.get()).map { "\($0.name) \($0.payload)" }
        XCTAssertTrue(extra.isEmpty, "unexpected events: \(extra)", file: file, line: line)
    }
}

/// A JS promise: records every settlement (the module must settle each exactly once).
final class TestPromise: @unchecked Sendable {
    enum Outcome { case resolved(Any?); case rejected(code: String, message: String, userInfo: [String: Any]?) }
    let settlements = Locked<[Outcome]>([])

    var resolve: (Any?) -> Void { { [self] v in settlements.update { $0.append(.resolved(v)) } } }
    var reject: (String, String, [String: Any]?) -> Void {
        { [self] c, m, u in settlements.update { $0.append(.rejected(code: c, message: m, userInfo: u)) } }
    }
    var promise: DolbyIoIAPIPromise { DolbyIoIAPIPromise(resolve: resolve, reject: reject) }
    var isSettled: Bool { !settlements.get().isEmpty }

    func outcome(timeout: TimeInterval = 10) async throws -> Outcome {
        _ = await eventually(timeout: timeout) { isSettled }
        guard let first = settlements.get().first else {
            throw TestFailure(description: "the promise did not settle within \(timeout) s")
        }
        try? await Task.sleep(nanoseconds: 20_000_000) // a second settlement would show up here
        XCTAssertEqual(settlements.get().count, 1, "settled more than once: \(settlements.get())")
        return first
    }

    func value(timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) async throws -> Any? {
        switch try await outcome(timeout: timeout) {
        case let .resolved(v): return v
        case let .rejected(code, message, _):
            throw TestFailure(description: "expected a value, got \(code): \(message)")
        }
    }

    /// Resolves `true` (initialize, initializeToken, sessionIsOpen).
    func expectTrue(file: StaticString = #filePath, line: UInt = #line) async throws {
        let v = try await value()
        XCTAssertEqual(v as? Bool, true, "resolved \(String(describing: v))", file: file, line: line)
    }

    /// Rejects with `code`.
    func expectRejection(_ code: String, _ context: String = "", timeout: TimeInterval = 10,
                         file: StaticString = #filePath, line: UInt = #line) async throws {
        let r = try await rejection(timeout: timeout)
        XCTAssertEqual(r.code, code, "\(context) \(r.message)", file: file, line: line)
    }

    /// The rejection; fails the test when the promise resolved.
    func rejection(timeout: TimeInterval = 10) async throws -> (code: String, message: String) {
        let r = try await rejectionWithUserInfo(timeout: timeout)
        return (r.code, r.message)
    }

    /// The rejection with its userInfo (the JS error's `userInfo`); fails when the promise resolved.
    func rejectionWithUserInfo(timeout: TimeInterval = 10) async throws
        -> (code: String, message: String, userInfo: [String: Any]?) {
        switch try await outcome(timeout: timeout) {
        case let .resolved(v): throw TestFailure(description: "expected a rejection, got \(String(describing: v))")
        case let .rejected(code, message, userInfo):
            XCTAssertFalse(message.isEmpty, "empty message for \(code)")
            return (code, message, userInfo)
        }
    }
}

/// The platform log's stand-in (unified logging on iOS, which Linux lacks): records what the
/// module writes to it.
final class PlatformLogRecorder: DolbyIoIAPIPlatformLog, @unchecked Sendable {
    let records = Locked<[NativeLogRecord]>([])
    func write(_ record: NativeLogRecord) { records.update { $0.append(record) } }
}

/// Base class: no faults around each test; every module is invalidated at the end and none
/// emitted an event before JS subscribed.
class ModuleTestCase: XCTestCase {
    var js = FakeJs()
    var platformLog = PlatformLogRecorder()
    private var modules: [DolbyIoIAPIImpl] = []

    /// A module emitting to `events` (the test's `js` by default) and writing to `platformLog`,
    /// invalidated at tearDown.
    func module(config: IapiConfig? = nil, events: DolbyIoIAPIEventSink? = nil) -> DolbyIoIAPIImpl {
        let m = DolbyIoIAPIImpl(config: config ?? Emulator.config(), events: events ?? js, platformLog: platformLog)
        modules.append(m)
        return m
    }

    override func setUp() async throws {
        js = FakeJs()
        platformLog = PlatformLogRecorder()
        try await Emulator.clearFaults()
    }

    override func tearDown() async throws {
        modules.forEach { $0.invalidate() }
        modules = []
        XCTAssertEqual(js.earlyEmits.get(), 0, "an event was emitted before JS subscribed")
        try await Emulator.clearFaults()
    }

    /// A module initialized with the app's key and secret.
    func initializedModule(events: DolbyIoIAPIEventSink? = nil) async throws -> DolbyIoIAPIImpl {
        let m = module(events: events)
        let p = TestPromise()
        m.initialize(consumerKey: appKey, consumerSecret: appSecret, p.promise)
        try await p.expectTrue()
        return m
    }

    /// Calls `body` with a fresh promise and returns what it resolved.
    func value(file: StaticString = #filePath, line: UInt = #line, _ body: (TestPromise) -> Void) async throws -> Any? {
        let p = TestPromise()
        body(p)
        return try await p.value(file: file, line: line)
    }

    /// Calls `body` with a fresh promise and returns it resolved as a dictionary.
    func object(file: StaticString = #filePath, line: UInt = #line, _ body: (TestPromise) -> Void) async throws -> [String: Any] {
        let v = try await value(file: file, line: line, body)
        guard let map = v as? [String: Any] else { throw TestFailure(description: "expected an object, got \(String(describing: v))") }
        return map
    }

    /// Calls `body` with a fresh promise and checks that it rejects with `code` (and a message containing `text`).
    func expect(_ code: String, containing text: String? = nil, file: StaticString = #filePath, line: UInt = #line,
                _ body: (TestPromise) -> Void) async throws {
        let p = TestPromise()
        body(p)
        let r = try await p.rejection()
        XCTAssertEqual(r.code, code, r.message, file: file, line: line)
        if let text { XCTAssertTrue(r.message.contains(text), r.message, file: file, line: line) }
        XCTAssertFalse(r.message.contains(appSecret), "secret in \(r.message)", file: file, line: line)
    }
}
