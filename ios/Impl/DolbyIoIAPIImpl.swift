// The `DolbyIoIAPI` TurboModule without React (contract: src-js/NativeDolbyIoIAPI.ts); the core's
// NativeModuleHost does the work. DolbyIoIAPI.mm forwards here through DolbyIoIAPIAdapter.swift.
import Foundation

/// The React-free `DolbyIoIAPI` module. The host is made on the first call. Each promise settles
/// once, on a `Task`, with the converted result or the call's `NativeError`. Events go to `events`
/// (held weakly: the React module owns this object) on core threads. `invalidate()` shuts the host
/// down: then no event is emitted; running and later calls reject with CANCELLED.
public final class DolbyIoIAPIImpl: @unchecked Sendable {
    public typealias Resolve = DolbyIoIAPIResolve
    public typealias Reject = DolbyIoIAPIReject
    private let config: IapiConfig
    private let events: Events
    private let lock = NSLock()
    private var host: NativeModuleHost?
    private var invalidated = false

    /// A bad `config` rejects the calls (INVALID_ARGUMENT); `log` hears of events not delivered.
    public init(config: IapiConfig = defaultConfig(), events: DolbyIoIAPIEventSink,
                log: @escaping (String) -> Void = { _ in }) {
        (self.config, self.events) = (config, Events(sink: events, log: log))
    }
    deinit { invalidate() }

    public func initialize(consumerKey: String, consumerSecret: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        call(resolve, reject) { try await $0.initialize(consumerKey: consumerKey, consumerSecret: consumerSecret) }
    }
    public func initializeToken(accessToken: String?, resolve: @escaping Resolve, reject: @escaping Reject) {
        call(resolve, reject) { try await $0.initializeToken(accessToken: accessToken) }
    }
    public func resolveAccessTokenRequest(requestId: String, accessToken: String) {
        existingHost()?.resolveAccessTokenRequest(requestId: requestId, accessToken: accessToken)
    }
    public func rejectAccessTokenRequest(requestId: String, reason: String) {
        existingHost()?.rejectAccessTokenRequest(requestId: requestId, reason: reason)
    }
    public func sessionOpen(info: [String: Any]?, resolve: @escaping Resolve, reject: @escaping Reject) {
        call(resolve, reject, Wire.participant) { try await $0.sessionOpen(info: try Wire.participantInfo(info)) }
    }
    public func sessionClose(resolve: @escaping Resolve, reject: @escaping Reject) {
        call(resolve, reject) { try await $0.sessionClose() }
    }
    public func sessionIsOpen(resolve: @escaping Resolve, reject: @escaping Reject) {
        call(resolve, reject) { try await $0.sessionIsOpen() }
    }
    public func sessionGetParticipant(resolve: @escaping Resolve, reject: @escaping Reject) {
        call(resolve, reject, Wire.participant) { try await $0.sessionGetParticipant() }
    }
    public func conferenceCreate(options: [String: Any]?, resolve: @escaping Resolve, reject: @escaping Reject) {
        call(resolve, reject, Wire.conference) { try await $0.conferenceCreate(options: try Wire.createOptions(options)) }
    }
    public func conferenceFetch(conferenceId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        call(resolve, reject, Wire.conference) { try await $0.conferenceFetch(conferenceId: conferenceId) }
    }
    /// Resolves nil (JS `null`) when the local participant is in no conference.
    public func conferenceCurrent(resolve: @escaping Resolve, reject: @escaping Reject) {
        call(resolve, reject, { $0.map(Wire.conference) }) { try await $0.conferenceCurrent() }
    }
    public func conferenceJoin(conferenceId: String, options: [String: Any]?, resolve: @escaping Resolve, reject: @escaping Reject) {
        call(resolve, reject, Wire.conference) {
            try await $0.conferenceJoin(conferenceId: conferenceId, options: try Wire.joinOptions(options))
        }
    }
    public func conferenceLeave(options: [String: Any]?, resolve: @escaping Resolve, reject: @escaping Reject) {
        call(resolve, reject) { try await $0.conferenceLeave(leaveRoom: try Wire.leaveRoom(options)) }
    }
    public func conferenceGetParticipants(conferenceId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        call(resolve, reject, { $0.map(Wire.participant) }) {
            try await $0.conferenceGetParticipants(conferenceId: conferenceId)
        }
    }
    public func conferenceGetParticipant(participantId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        call(resolve, reject, Wire.participant) { try await $0.conferenceGetParticipant(participantId: participantId) }
    }
    public func conferenceGetStatus(conferenceId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        call(resolve, reject) { try await $0.conferenceGetStatus(conferenceId: conferenceId) }
    }
    public func conferenceKick(participantId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        call(resolve, reject) { try await $0.conferenceKick(participantId: participantId) }
    }
    public func conferenceMute(participantId: String, isMuted: Bool, resolve: @escaping Resolve, reject: @escaping Reject) {
        call(resolve, reject) { try await $0.conferenceMute(participantId: participantId, isMuted: isMuted) }
    }
    public func conferenceIsMuted(resolve: @escaping Resolve, reject: @escaping Reject) {
        call(resolve, reject) { try await $0.conferenceIsMuted() }
    }
    public func conferenceUpdatePermissions(participantPermissions: [Any], resolve: @escaping Resolve, reject: @escaping Reject) {
        call(resolve, reject) {
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
    private func call<T>(_ resolve: @escaping Resolve, _ reject: @escaping Reject, _ convert: @escaping (T) -> Any? = { $0 is Void ? nil : $0 },
                         _ body: @escaping (NativeModuleHost) async throws -> T) {
        let host: NativeModuleHost? = lock.withLock {
            if self.host == nil && !invalidated { self.host = NativeModuleHost(config: config, events: events) }
            return self.host
        }
        guard let host else { return Self.reject(reject, IapiError.Cancelled(reason: Self.invalidatedReason)) }
        Task {
            do { resolve(convert(try await body(host))) } catch { Self.reject(reject, error) }
        }
    }

    private static let invalidatedReason = "the module was invalidated"

    /// Rejects with `error` as JS sees it (the core's `nativeError` for the core's errors).
    private static func reject(_ reject: Reject, _ error: Error) {
        let e = NativeError(error)
        reject(e.code, e.message, e.jsUserInfo)
    }
}

/// The host's events, as the spec's names and payloads, to the sink (held weakly). One not
/// delivered is logged and reported to the core as an error.
private final class Events: NativeModuleEvents, @unchecked Sendable {
    private weak var sink: DolbyIoIAPIEventSink?
    private let log: (String) -> Void
    init(sink: DolbyIoIAPIEventSink, log: @escaping (String) -> Void) { (self.sink, self.log) = (sink, log) }

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

    private func emit(_ name: String, _ payload: [String: Any]) throws {
        guard case .success(true) = Result(catching: { try sink?.emit(name, payload) == true }) else {
            log("DolbyIoIAPI: could not emit \(name) (no emitter, refused or threw)")
            throw IapiError.InvalidState(reason: "\(name) could not be delivered to JS")
        }
    }
}
