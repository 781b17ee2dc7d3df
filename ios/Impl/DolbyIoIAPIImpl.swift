// The `DolbyIoIAPI` TurboModule without React (contract: src-js/NativeDolbyIoIAPI.ts); the core's
// NativeModuleHost does the work. DolbyIoIAPI.mm forwards here through DolbyIoIAPIAdapter.swift.
import Foundation

/// The React-free `DolbyIoIAPI` module. The host is made on the first call. Each promise settles
/// once, on a `Task`, with the converted result or the call's `NativeError`. Events go to `events`
/// (held weakly: the React module owns this object) on core threads. `invalidate()` shuts the host
/// down: then no event is emitted; running and later calls reject with CANCELLED.
public final class DolbyIoIAPIImpl: @unchecked Sendable {
    public typealias Promise = DolbyIoIAPIPromise
    private let config: IapiConfig
    private let events: Events
    private let lock = NSLock()
    private var host: NativeModuleHost?
    private var invalidated = false

    /// A bad `config` rejects the calls (INVALID_ARGUMENT); `platformLog` receives the core's log
    /// records (see `setLogLevel`); `log` hears of events not delivered.
    public init(config: IapiConfig = defaultConfig(), events: DolbyIoIAPIEventSink, platformLog: DolbyIoIAPIPlatformLog,
                log: @escaping (String) -> Void = { _ in }) {
        (self.config, self.events) = (config, Events(sink: events, platformLog: platformLog, log: log))
    }
    deinit { invalidate() }

    public func initialize(consumerKey: String, consumerSecret: String, _ p: Promise) {
        call(p) { try await $0.initialize(consumerKey: consumerKey, consumerSecret: consumerSecret) }
    }
    public func initializeToken(accessToken: String?, _ p: Promise) {
        call(p) { try await $0.initializeToken(accessToken: accessToken) }
    }
    public func resolveAccessTokenRequest(requestId: String, accessToken: String) {
        existingHost()?.resolveAccessTokenRequest(requestId: requestId, accessToken: accessToken)
    }
    public func rejectAccessTokenRequest(requestId: String, reason: String) {
        existingHost()?.rejectAccessTokenRequest(requestId: requestId, reason: reason)
    }
    public func getTokenState(_ p: Promise) { call(p, Wire.tokenState) { try await $0.getTokenState() } }
    /// Records at `level` or above reach `onLog` and, when `platformLog`, the platform log (the core decides).
    public func setLogLevel(level: String, platformLog: Bool, _ p: Promise) {
        call(p) { try await $0.setLogLevel(level: level, platformLog: platformLog) }
    }

    public func sessionOpen(info: [String: Any]?, _ p: Promise) {
        call(p, Wire.participant) { try await $0.sessionOpen(info: try Wire.participantInfo(info)) }
    }
    public func sessionClose(_ p: Promise) { call(p) { try await $0.sessionClose() } }
    public func sessionIsOpen(_ p: Promise) { call(p) { try await $0.sessionIsOpen() } }
    public func sessionGetParticipant(_ p: Promise) { call(p, Wire.participant) { try await $0.sessionGetParticipant() } }
    public func sessionGetConnectionState(_ p: Promise) {
        call(p, Wire.connectionState) { try await $0.sessionGetConnectionState() }
    }

    public func conferenceCreate(options: [String: Any]?, _ p: Promise) {
        call(p, Wire.conference) { try await $0.conferenceCreate(options: try Wire.createOptions(options)) }
    }
    public func conferenceFetch(conferenceId: String, _ p: Promise) {
        call(p, Wire.conference) { try await $0.conferenceFetch(conferenceId: conferenceId) }
    }
    /// Resolves nil (JS `null`) when the local participant is in no conference.
    public func conferenceCurrent(_ p: Promise) { call(p, { $0.map(Wire.conference) }) { try await $0.conferenceCurrent() } }
    public func conferenceJoin(conferenceId: String, options: [String: Any]?, _ p: Promise) {
        call(p, Wire.conference) {
            try await $0.conferenceJoin(conferenceId: conferenceId, options: try Wire.joinOptions(options))
        }
    }
    public func conferenceLeave(options: [String: Any]?, _ p: Promise) {
        call(p) { try await $0.conferenceLeave(leaveRoom: try Wire.leaveRoom(options)) }
    }
    public func conferenceGetParticipants(conferenceId: String, _ p: Promise) {
        call(p, { $0.map(Wire.participant) }) { try await $0.conferenceGetParticipants(conferenceId: conferenceId) }
    }
    public func conferenceGetParticipant(participantId: String, _ p: Promise) {
        call(p, Wire.participant) { try await $0.conferenceGetParticipant(participantId: participantId) }
    }
    public func conferenceGetStatus(conferenceId: String, _ p: Promise) {
        call(p) { try await $0.conferenceGetStatus(conferenceId: conferenceId) }
    }
    public func conferenceKick(participantId: String, _ p: Promise) {
        call(p) { try await $0.conferenceKick(participantId: participantId) }
    }
    public func conferenceMute(participantId: String, isMuted: Bool, _ p: Promise) {
        call(p) { try await $0.conferenceMute(participantId: participantId, isMuted: isMuted) }
    }
    public func conferenceIsMuted(_ p: Promise) { call(p) { try await $0.conferenceIsMuted() } }
    public func conferenceUpdatePermissions(participantPermissions: [Any], _ p: Promise) {
        call(p) {
            try await $0.conferenceUpdatePermissions(participantPermissions: try Wire.permissions(participantPermissions))
        }
    }

    /// The app became active again: the core re-evaluates the access token now.
    public func resume() { existingHost()?.resume() }
    /// The React instance is going away (see above). Idempotent.
    public func invalidate() {
        let host = lock.withLock { defer { (invalidated, self.host) = (true, nil) }; return self.host }
        host?.shutdown(reason: Self.invalidatedReason)
    }
    private func existingHost() -> NativeModuleHost? { lock.withLock { host } }

    /// Runs `body` on the host in a task; settles the promise once with its converted result (Void: nil).
    private func call<T>(_ p: Promise, _ convert: @escaping (T) -> Any? = { $0 is Void ? nil : $0 },
                         _ body: @escaping (NativeModuleHost) async throws -> T) {
        let host: NativeModuleHost? = lock.withLock {
            if self.host == nil && !invalidated { self.host = NativeModuleHost(config: config, events: events) }
            return self.host
        }
        guard let host else { return p.reject(IapiError.Cancelled(reason: Self.invalidatedReason)) }
        Task { do { p.resolve(convert(try await body(host))) } catch { p.reject(error) } }
    }

    private static let invalidatedReason = "the module was invalidated"
}

/// The host's events, as the spec's names and payloads, to the sink (held weakly), and its log
/// records to the platform log. An event not delivered is logged and reported to the core as an error.
private final class Events: NativeModuleEvents, @unchecked Sendable {
    private weak var sink: DolbyIoIAPIEventSink?
    private let platformLog: DolbyIoIAPIPlatformLog
    private let log: (String) -> Void
    init(sink: DolbyIoIAPIEventSink, platformLog: DolbyIoIAPIPlatformLog, log: @escaping (String) -> Void) {
        (self.sink, self.platformLog, self.log) = (sink, platformLog, log)
    }

    func onAccessTokenRequest(request r: AccessTokenRequest) throws {
        try emit("onAccessTokenRequest", ["requestId": r.requestId, "isExpired": r.isExpired])
    }
    func onConferenceStatusChange(change c: NativeConferenceStatusChange) throws {
        try emit("onConferenceStatusChange", ["conferenceId": c.conferenceId, "status": c.status])
    }
    func onParticipantsChange(change c: NativeParticipantsChange) throws {
        try emit("onParticipantsChange",
                 ["conferenceId": c.conferenceId, "participant": Wire.participant(c.participant), "event": c.event])
    }
    func onPermissionsChange(change c: NativePermissionsChange) throws {
        try emit("onPermissionsChange", ["conferenceId": c.conferenceId, "permissions": c.permissions])
    }
    func onConnectionStateChange(state: NativeConnectionState) throws {
        try emit("onConnectionStateChange", Wire.connectionState(state))
    }
    func onTokenStateChange(state: NativeTokenState) throws { try emit("onTokenStateChange", Wire.tokenState(state)) }
    func onLog(record: NativeLogRecord) throws { try emit("onLog", Wire.logRecord(record)) }
    /// Called before `onLog` for the same record, unless `setLogLevel` turned the platform log off.
    func writePlatformLog(record: NativeLogRecord) { platformLog.write(record) }

    private func emit(_ name: String, _ payload: [String: Any]) throws {
        guard case .success(true) = Result(catching: { try sink?.emit(name, payload) == true }) else {
            log("DolbyIoIAPI: could not emit \(name) (no emitter, refused or threw)")
            throw IapiError.InvalidState(reason: "\(name) could not be delivered to JS")
        }
    }
}
