// Everything the `DolbyIoIAPI` TurboModule does, without React: one method per spec method,
// plain Swift values in, resolve/reject closures out, events through a DolbyIoIAPIEventSink.
// The Objective-C++ module (DolbyIoIAPI.mm) forwards to it through DolbyIoIAPIAdapter.swift.
// No React, UIKit or Objective-C runtime here: scripts/test-ios.sh compiles and tests this file
// on Linux against the real core and emulator.
import Foundation

/// The React-free implementation of the `DolbyIoIAPI` TurboModule (see src-js/NativeDolbyIoIAPI.ts).
///
/// - Every promise-returning method runs on a Swift `Task` owned by this object and settles its
///   promise exactly once: with the result, or with the shared code of the error (`errorCode`
///   from the core) and a readable, secret-free message.
/// - Access token requests: the core's `TokenRequestBridge` is the provider given to
///   `initializeToken`; its listener emits `.accessTokenRequest` and JS answers through
///   `resolveAccessTokenRequest` / `rejectAccessTokenRequest`. Correlation, at-most-once answers,
///   timeouts and cancellation live in the core.
/// - Nothing is emitted before JS subscribed: JS subscribes to `onAccessTokenRequest` before it
///   calls `initializeToken` (see the spec), so the listener is attached on the first
///   `initializeToken` call. Until then the bridge holds any request and delivers it on attach.
///   A request that cannot be emitted is rejected at once (TOKEN_REFRESH_FAILED, not a timeout).
/// - Conference events: the core's `ConferenceEventListener` is attached on the first
///   `sessionOpen` call (events flow over the session's WebSocket only while a session is open,
///   and JS has set up the module's emitters before it opens one, so emitting is safe from
///   then on). Each core event becomes `onParticipantsChange` (ADDED / UPDATED / REMOVED),
///   `onConferenceStatusChange`, or, for the local participant's own permissions only,
///   `onPermissionsChange` (the spec's payload names no participant; others' are dropped).
///   The listener holds this object weakly: the core keeps it alive, so a strong reference
///   would be a cycle module -> SDK -> listener -> module.
/// - `invalidate()` (the React instance goes away): no event is emitted once it returns, every
///   pending promise rejects with CANCELLED, the listeners are detached, and the token requests
///   JS still owes are rejected so the core stops waiting for them. uniffi's Swift async calls
///   do not forward Swift task cancellation to Rust: an in-flight core call runs to its end
///   (bounded by the configured timeouts) and its result is dropped.
public final class DolbyIoIAPIImpl: @unchecked Sendable {
    /// The bridge's own timeout is a backstop: the core times each provider call out after
    /// `callbackTimeoutMs` (TIMEOUT) and then drops the request, so the bridge's rarely fires.
    static let bridgeTimeoutMarginMs: UInt64 = 5_000
    static let undelivered = "the access token request could not be delivered to JS"
    static let invalidatedReason = "the module was invalidated"

    private let config: IapiConfig
    private weak var events: DolbyIoIAPIEventSink?
    private let log: (String) -> Void
    private let bridge: TokenRequestBridge
    private let provider: AccessTokenProvider
    private let listener = Listener()
    private let conferenceListener = ConferenceListener()

    /// Guards the fields below. Never held while calling into the core or JS, except that
    /// `emitLock` (recursive) is held while emitting so that `invalidate()` can wait for an
    /// emission in progress and none starts after it.
    private let lock = NSLock()
    private let emitLock = NSRecursiveLock()
    private var invalidated = false
    private var listenerAttached = false
    private var conferenceListenerOn: DolbyIoIapi?
    private var sdk: DolbyIoIapi?
    private var calls: [UInt64: PendingCall] = [:]
    private var nextCallId: UInt64 = 1

    /// - Parameters:
    ///   - config: the core's configuration (production hosts by default). A bad one rejects the
    ///     calls with INVALID_ARGUMENT.
    ///   - events: the sink for JS events, held weakly (the React module owns this object).
    ///   - log: a warning hook (os_log in the app; nothing in tests).
    ///   - bridge: a test may pass its own bridge to observe it; by default one is made with a
    ///     timeout of `callbackTimeoutMs` + 5 s.
    public init(config: IapiConfig = defaultConfig(), events: DolbyIoIAPIEventSink,
                log: @escaping (String) -> Void = { _ in }, bridge: TokenRequestBridge? = nil) {
        self.config = config
        self.events = events
        self.log = log
        self.bridge = bridge ?? TokenRequestBridge(
            timeoutMs: config.callbackTimeoutMs &+ Self.bridgeTimeoutMarginMs)
        self.provider = self.bridge.asProvider()
        listener.owner = self
        conferenceListener.owner = self
    }

    deinit {
        invalidate()
    }

    // MARK: - Initialization and access tokens

    public func initialize(consumerKey: String, consumerSecret: String,
                           resolve: @escaping DolbyIoIAPIResolve, reject: @escaping DolbyIoIAPIReject) {
        call(resolve, reject, convert: { $0 }) { sdk in
            try await sdk.initialize(consumerKey: consumerKey, consumerSecret: consumerSecret)
        }
    }

    public func initializeToken(accessToken: String?,
                                resolve: @escaping DolbyIoIAPIResolve, reject: @escaping DolbyIoIAPIReject) {
        // JS has subscribed to onAccessTokenRequest by now: requests may be emitted from here on.
        guard attachTokenListener() else {
            return reject(DolbyIoIAPIModuleError.invalidated.code, DolbyIoIAPIModuleError.invalidated.message, nil)
        }
        let provider = self.provider
        call(resolve, reject, convert: { $0 }) { sdk in
            try await sdk.initializeToken(accessToken: accessToken, provider: provider)
        }
    }

    /// JS's answer to request `requestId`; ignored when unknown, answered, timed out or cancelled.
    public func resolveAccessTokenRequest(requestId: String, accessToken: String) {
        guard answered(requestId) else { return }
        _ = bridge.resolve(requestId: requestId, accessToken: accessToken)
    }

    /// JS's refusal of request `requestId`: that refresh fails with TOKEN_REFRESH_FAILED.
    public func rejectAccessTokenRequest(requestId: String, reason: String) {
        guard answered(requestId) else { return }
        _ = bridge.reject(requestId: requestId, reason: reason)
    }

    // MARK: - Session

    /// `info`: `{ name?, externalId?, avatarUrl? }`; resolves a Participant dictionary.
    public func sessionOpen(info: [String: Any]?,
                            resolve: @escaping DolbyIoIAPIResolve, reject: @escaping DolbyIoIAPIReject) {
        let participantInfo: ParticipantInfo
        do {
            participantInfo = try WireModels.participantInfo(info)
        } catch {
            let e = DolbyIoIAPIModuleError(error)
            return reject(e.code, e.message, e.userInfo)
        }
        // JS has set up the module by now: conference events may be emitted from here on.
        attachConferenceListener()
        call(resolve, reject, convert: WireModels.participant) { sdk in
            try await sdk.session().open(info: participantInfo)
        }
    }

    public func sessionClose(resolve: @escaping DolbyIoIAPIResolve, reject: @escaping DolbyIoIAPIReject) {
        call(resolve, reject, convert: { (_: Void) in nil }) { sdk in
            try await sdk.session().close()
        }
    }

    public func sessionIsOpen(resolve: @escaping DolbyIoIAPIResolve, reject: @escaping DolbyIoIAPIReject) {
        call(resolve, reject, convert: { $0 }) { sdk in sdk.session().isOpen() }
    }

    public func sessionGetParticipant(resolve: @escaping DolbyIoIAPIResolve, reject: @escaping DolbyIoIAPIReject) {
        call(resolve, reject, convert: WireModels.participant) { sdk in
            try sdk.session().participant()
        }
    }

    // MARK: - Conference
    // Conference events: see attachConferenceListener / deliver(_: ConferenceEvent).

    /// `options`: `{ alias?, params?: { dolbyVoice?, liveRecording?, ttl?, videoCodec?, rtcpMode? } }`;
    /// resolves a Conference dictionary (the live conference with that alias when there is one,
    /// `isNew: false`).
    public func conferenceCreate(options: [String: Any]?, resolve: @escaping DolbyIoIAPIResolve,
                                 reject: @escaping DolbyIoIAPIReject) {
        guard let createOptions = parsed(reject, { try WireModels.conferenceCreateOptions(options) }) else { return }
        call(resolve, reject, convert: WireModels.conference) { sdk in
            try await sdk.conference().create(options: createOptions)
        }
    }

    public func conferenceFetch(conferenceId: String, resolve: @escaping DolbyIoIAPIResolve,
                                reject: @escaping DolbyIoIAPIReject) {
        call(resolve, reject, convert: WireModels.conference) { sdk in
            try await sdk.conference().fetch(conferenceId: conferenceId)
        }
    }

    /// Resolves the current conference, or nil (JS `null`) when the local participant is in none.
    public func conferenceCurrent(resolve: @escaping DolbyIoIAPIResolve,
                                  reject: @escaping DolbyIoIAPIReject) {
        call(resolve, reject, convert: { (conference: Conference?) -> Any? in
            guard let conference else { return nil }
            return WireModels.conference(conference)
        }) { sdk in
            try await sdk.conference().current()
        }
    }

    /// `options`: `{ conferenceAccessToken?, participantType? }` ("USER" by default).
    /// `conferenceAccessToken` is not supported: the core rejects it with INVALID_ARGUMENT.
    public func conferenceJoin(conferenceId: String, options: [String: Any]?, resolve: @escaping DolbyIoIAPIResolve,
                               reject: @escaping DolbyIoIAPIReject) {
        guard let joinOptions = parsed(reject, { try WireModels.conferenceJoinOptions(options) }) else { return }
        call(resolve, reject, convert: WireModels.conference) { sdk in
            try await sdk.conference().join(conferenceId: conferenceId, options: joinOptions)
        }
    }

    /// `options`: `{ leaveRoom? }`; `leaveRoom: true` also closes the session once left.
    /// Rejects with INVALID_STATE when the local participant is in no conference.
    public func conferenceLeave(options: [String: Any]?, resolve: @escaping DolbyIoIAPIResolve,
                                reject: @escaping DolbyIoIAPIReject) {
        guard let leaveRoom = parsed(reject, { try WireModels.leaveRoom(options) }) else { return }
        call(resolve, reject, convert: { (_: Void) in nil }) { sdk in
            try await sdk.conference().leave()
            if leaveRoom {
                try await sdk.session().close()
            }
        }
    }

    public func conferenceGetParticipants(conferenceId: String, resolve: @escaping DolbyIoIAPIResolve,
                                          reject: @escaping DolbyIoIAPIReject) {
        call(resolve, reject, convert: { (list: [ConferenceParticipant]) -> Any? in
            list.map(WireModels.conferenceParticipant)
        }) { sdk in
            try await sdk.conference().participants(conferenceId: conferenceId)
        }
    }

    /// A participant of the current conference.
    public func conferenceGetParticipant(participantId: String, resolve: @escaping DolbyIoIAPIResolve,
                                         reject: @escaping DolbyIoIAPIReject) {
        call(resolve, reject, convert: WireModels.conferenceParticipant) { sdk in
            try await sdk.conference().participant(participantId: participantId)
        }
    }

    /// Resolves a ConferenceStatus value such as "JOINED".
    public func conferenceGetStatus(conferenceId: String, resolve: @escaping DolbyIoIAPIResolve,
                                    reject: @escaping DolbyIoIAPIReject) {
        call(resolve, reject, convert: { (status: ConferenceStatus) -> Any? in
            conferenceStatusName(value: status)
        }) { sdk in
            try await sdk.conference().status(conferenceId: conferenceId)
        }
    }

    public func conferenceKick(participantId: String, resolve: @escaping DolbyIoIAPIResolve,
                               reject: @escaping DolbyIoIAPIReject) {
        call(resolve, reject, convert: { (_: Void) in nil }) { sdk in
            try await sdk.conference().kick(participantId: participantId)
        }
    }

    /// Resolves the participant's new muted state.
    public func conferenceMute(participantId: String, isMuted: Bool, resolve: @escaping DolbyIoIAPIResolve,
                               reject: @escaping DolbyIoIAPIReject) {
        call(resolve, reject, convert: { $0 }) { sdk in
            try await sdk.conference().mute(participantId: participantId, isMuted: isMuted)
        }
    }

    public func conferenceIsMuted(resolve: @escaping DolbyIoIAPIResolve,
                                  reject: @escaping DolbyIoIAPIReject) {
        call(resolve, reject, convert: { $0 }) { sdk in
            try await sdk.conference().isMuted()
        }
    }

    /// `participantPermissions`: `[{ participantId, permissions: [ConferencePermission value] }]`;
    /// an unknown permission rejects with INVALID_ARGUMENT (the core's parser).
    public func conferenceUpdatePermissions(participantPermissions: [Any], resolve: @escaping DolbyIoIAPIResolve,
                                            reject: @escaping DolbyIoIAPIReject) {
        guard let permissions = parsed(reject, { try WireModels.participantPermissions(participantPermissions) })
        else { return }
        call(resolve, reject, convert: { (_: Void) in nil }) { sdk in
            try await sdk.conference().updatePermissions(permissions: permissions)
        }
    }

    // MARK: - Lifecycle

    /// The app became active again: timers stopped while it was suspended, so the core
    /// re-evaluates the access token now (a refresh that fell due meanwhile happens at once).
    /// Does nothing before initialization or after `invalidate()`.
    public func resume() {
        locked { invalidated ? nil : sdk }?.resume()
    }

    /// The React instance is going away. Once this returns no event is emitted; every pending
    /// promise has rejected with CANCELLED; later calls reject with CANCELLED and answers are
    /// ignored. Detaches the listeners (the bridge and the SDK would otherwise keep them alive;
    /// they hold this object weakly anyway) and rejects the
    /// token requests JS still owes, so the core stops waiting for them. Idempotent.
    public func invalidate() {
        emitLock.lock() // waits for an emission in progress
        let taken: (calls: [PendingCall], listening: DolbyIoIapi?)? = locked {
            if invalidated { return nil }
            invalidated = true
            defer {
                calls = [:]
                sdk = nil
                conferenceListenerOn = nil
            }
            return (Array(calls.values), conferenceListenerOn)
        }
        emitLock.unlock()
        guard let taken else { return }
        bridge.setListener(listener: nil)
        taken.listening?.conference().setListener(listener: nil)
        for call in taken.calls {
            call.cancel()
        }
        // The token requests JS still owes: the core stops waiting for them.
        _ = bridge.cancelAll(reason: Self.invalidatedReason)
    }

    // MARK: - Internals

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Attaches the token request listener once; false after `invalidate()`.
    private func attachTokenListener() -> Bool {
        let attach: Bool? = locked {
            if invalidated { return nil }
            if listenerAttached { return false }
            listenerAttached = true
            return true
        }
        guard let attach else { return false }
        // Outside the lock: the bridge delivers held requests (on a core thread).
        if attach { bridge.setListener(listener: listener) }
        return true
    }

    /// A request from the core (on a core thread): emit it, or reject it at once.
    fileprivate func deliver(_ request: AccessTokenRequest) {
        emitLock.lock()
        defer { emitLock.unlock() }
        let alive: Bool = locked { !invalidated }
        guard alive else {
            _ = bridge.reject(requestId: request.requestId, reason: Self.invalidatedReason)
            return
        }
        let event = DolbyIoIAPIEvent.accessTokenRequest(requestId: request.requestId, isExpired: request.isExpired)
        if !emitted(event) {
            log("DolbyIoIAPI: could not emit \(event.name)")
            _ = bridge.reject(requestId: request.requestId, reason: Self.undelivered)
        }
    }

    /// Attaches the conference event listener to the SDK once (on the first `sessionOpen`).
    /// Nothing to do after `invalidate()` or with a bad config (the call itself rejects).
    private func attachConferenceListener() {
        let target: DolbyIoIapi? = try? locked {
            if invalidated || conferenceListenerOn != nil { return nil }
            if sdk == nil { sdk = try DolbyIoIapi(config: config) }
            conferenceListenerOn = sdk
            return sdk
        }
        guard let target else { return }
        // Outside the lock (the core takes its own). invalidate() may have run meanwhile: then it
        // may have detached before this attach, so detach again (no event is emitted anyway).
        target.conference().setListener(listener: conferenceListener)
        if locked({ invalidated }) { target.conference().setListener(listener: nil) }
    }

    /// A conference event from the core (on a core thread): emit it unless invalidated.
    fileprivate func deliver(_ event: ConferenceEvent) {
        emitLock.lock()
        defer { emitLock.unlock() }
        let sdk: DolbyIoIapi? = locked { invalidated ? nil : self.sdk }
        guard let sdk else { return }
        let out: DolbyIoIAPIEvent
        switch event {
        case let .participantAdded(conferenceId, participant):
            out = .participantsChange(conferenceId: conferenceId, participant: participant, change: .added)
        case let .participantUpdated(conferenceId, participant):
            out = .participantsChange(conferenceId: conferenceId, participant: participant, change: .updated)
        case let .participantRemoved(conferenceId, participant):
            out = .participantsChange(conferenceId: conferenceId, participant: participant, change: .removed)
        case let .statusChanged(conferenceId, status):
            out = .conferenceStatusChange(conferenceId: conferenceId, status: status)
        case let .permissionsUpdated(conferenceId, participantId, permissions):
            // Only the local participant's own permissions: the payload names no participant.
            // The core calls listeners outside its locks, so reading the session here is safe.
            guard (try? sdk.session().participant().id) == participantId else { return }
            out = .permissionsChange(conferenceId: conferenceId, permissions: permissions)
        }
        if !emitted(out) {
            log("DolbyIoIAPI: could not emit \(out.name)")
        }
    }

    /// Emits through the sink; false when it is gone, refused or threw (logged; later events
    /// are emitted as usual).
    private func emitted(_ event: DolbyIoIAPIEvent) -> Bool {
        do {
            return try events?.emit(event) ?? false
        } catch {
            log("DolbyIoIAPI: emitting \(event.name) threw: \(error)")
            return false
        }
    }

    /// Records JS's answer to `requestId`; false when the module is invalidated.
    private func answered(_ requestId: String) -> Bool {
        locked { !invalidated }
    }

    /// The SDK object, created on first use from `config`; a bad config rejects that call.
    private func currentSdk() throws -> DolbyIoIapi {
        try locked {
            if invalidated { throw DolbyIoIAPIModuleError.invalidated }
            if let sdk { return sdk }
            let made = try DolbyIoIapi(config: config)
            sdk = made
            return made
        }
    }

    /// Runs `body` on a task owned by this object and settles the promise with its converted result.
    private func call<T>(_ resolve: @escaping DolbyIoIAPIResolve, _ reject: @escaping DolbyIoIAPIReject,
                         convert: @escaping (T) -> Any?,
                         _ body: @escaping (DolbyIoIapi) async throws -> T) {
        let pending = PendingCall(resolve: resolve, reject: reject)
        let sdk: DolbyIoIapi
        do {
            sdk = try currentSdk()
        } catch {
            return pending.settle(.failure(DolbyIoIAPIModuleError(error)))
        }
        let id: UInt64? = locked {
            if invalidated { return nil }
            let id = nextCallId
            nextCallId += 1
            calls[id] = pending
            return id
        }
        guard let id else { return pending.settle(.failure(.invalidated)) }
        let task = Task { [weak self] in
            let outcome: Result<Any?, DolbyIoIAPIModuleError>
            do {
                outcome = .success(convert(try await body(sdk)))
            } catch {
                outcome = .failure(DolbyIoIAPIModuleError(error))
            }
            self?.locked { _ = self?.calls.removeValue(forKey: id) }
            pending.settle(outcome)
        }
        pending.attach(task)
    }

    /// The parsed arguments of a call, or nil after rejecting it (CANCELLED once invalidated,
    /// else the parse error's code, e.g. INVALID_ARGUMENT).
    private func parsed<T>(_ reject: DolbyIoIAPIReject, _ parse: () throws -> T) -> T? {
        if locked({ invalidated }) {
            reject(DolbyIoIAPIModuleError.invalidated.code, DolbyIoIAPIModuleError.invalidated.message, nil)
            return nil
        }
        do {
            return try parse()
        } catch {
            let e = DolbyIoIAPIModuleError(error)
            reject(e.code, e.message, e.userInfo)
            return nil
        }
    }
}

/// The bridge's listener. Holds the module weakly: the bridge (in Rust) keeps its listener alive,
/// so a strong reference would be a cycle module -> bridge -> listener -> module.
private final class Listener: TokenRequestListener, @unchecked Sendable {
    weak var owner: DolbyIoIAPIImpl?

    // Called on a core thread: emit and return. Never throws back into the core.
    func onAccessTokenRequest(request: AccessTokenRequest) {
        owner?.deliver(request)
    }
}

/// The SDK's conference event listener. Holds the module weakly: the SDK (in Rust) keeps its
/// listener alive, so a strong reference would be a cycle module -> SDK -> listener -> module.
private final class ConferenceListener: ConferenceEventListener, @unchecked Sendable {
    weak var owner: DolbyIoIAPIImpl?

    // Called on a core thread: emit and return. Never throws back into the core.
    func onConferenceEvent(event: ConferenceEvent) {
        owner?.deliver(event)
    }
}

/// One JS promise: settled exactly once (result, error, or CANCELLED by invalidate).
private final class PendingCall: @unchecked Sendable {
    private let lock = NSLock()
    private var resolve: DolbyIoIAPIResolve?
    private var reject: DolbyIoIAPIReject?
    private var task: Task<Void, Never>?

    init(resolve: @escaping DolbyIoIAPIResolve, reject: @escaping DolbyIoIAPIReject) {
        self.resolve = resolve
        self.reject = reject
    }

    func attach(_ task: Task<Void, Never>) {
        lock.lock()
        let settled = resolve == nil
        if !settled { self.task = task }
        lock.unlock()
        if settled { task.cancel() }
    }

    /// Rejects with CANCELLED and cancels the task (the core call it awaits runs to its end).
    func cancel() {
        lock.lock()
        let task = self.task
        lock.unlock()
        task?.cancel()
        settle(.failure(.invalidated))
    }

    func settle(_ outcome: Result<Any?, DolbyIoIAPIModuleError>) {
        lock.lock()
        let (resolve, reject) = (self.resolve, self.reject)
        self.resolve = nil
        self.reject = nil
        self.task = nil
        lock.unlock()
        switch outcome {
        case let .success(value): resolve?(value)
        case let .failure(e): reject?(e.code, e.message, e.userInfo)
        }
    }
}
