// The Objective-C face of DolbyIoIAPIImpl for DolbyIoIAPI.mm (iOS only: @objc needs the
// Objective-C runtime; no React types here either). It converts Foundation collections to
// Swift ones and back, and turns the module's emitter into a DolbyIoIAPIEventSink. Every
// selector is spelled out so that scripts/test-ios.sh can check the .mm's calls against it.
import Foundation
#if canImport(UIKit)
import UIKit
#endif

/// What the React module provides to emit events: `emitOn<Name>:` of the generated spec base.
@objc(DolbyIoIAPIEventEmitting)
public protocol DolbyIoIAPIEventEmitting: AnyObject {
    /// Emits the spec event `name` (e.g. `onAccessTokenRequest`); NO when it could not.
    @objc(emitEvent:payload:)
    func emitEvent(_ name: String, payload: [String: Any]) -> Bool
}

@objc(DolbyIoIAPIAdapter)
public final class DolbyIoIAPIAdapter: NSObject, DolbyIoIAPIEventSink {
    public typealias Resolve = (Any?) -> Void
    public typealias Reject = (String, String, Error?) -> Void

    /// Held weakly: the React module owns this adapter.
    private weak var emitter: DolbyIoIAPIEventEmitting?
    private var impl: DolbyIoIAPIImpl!

    /// Overrides the platform hosts for modules created after this call (development only:
    /// production apps never call it). `baseUrl` must be https, or http on a loopback host such
    /// as the local emulator; nil restores the production hosts. `callbackTimeoutMs` <= 0 keeps
    /// the default (30 s). A bad URL rejects the module's calls with INVALID_ARGUMENT.
    @objc(configureWithBaseUrl:callbackTimeoutMs:)
    public static func configure(baseUrl: String?, callbackTimeoutMs: Int64) {
        var config = defaultConfig()
        if let baseUrl {
            config.authBaseUrl = baseUrl
            config.apiBaseUrl = baseUrl
        }
        if callbackTimeoutMs > 0 { config.callbackTimeoutMs = UInt64(callbackTimeoutMs) }
        settings.update(config)
    }

    private static let settings = Settings()

    @objc(initWithEmitter:)
    public init(emitter: DolbyIoIAPIEventEmitting) {
        self.emitter = emitter
        super.init()
        impl = DolbyIoIAPIImpl(config: Self.settings.get(), events: self, log: { NSLog("%@", $0) })
        #if canImport(UIKit)
        // Timers stop while the app is suspended: re-evaluate the token when it is active again.
        activeObserver = NotificationCenter.default.addObserver(
            forName: UIApplication.didBecomeActiveNotification, object: nil, queue: nil
        ) { [weak self] _ in self?.impl.resume() }
        #endif
    }

    private var activeObserver: NSObjectProtocol?

    deinit {
        if let activeObserver { NotificationCenter.default.removeObserver(activeObserver) }
    }

    public func emit(_ event: DolbyIoIAPIEvent) -> Bool {
        emitter?.emitEvent(event.name, payload: event.payload) ?? false
    }

    /// React copies the NSError's userInfo into the JS error's `userInfo` (`{ status, platformCode? }`
    /// for SERVER); the message given here stays the JS error's message.
    private static func reject(_ reject: @escaping Reject) -> DolbyIoIAPIReject {
        { code, message, userInfo in
            reject(code, message, userInfo.map { NSError(domain: "DolbyIoIAPI", code: 0, userInfo: $0) })
        }
    }

    // MARK: Initialization and access tokens

    @objc(initialize:consumerSecret:resolve:reject:)
    public func initialize(_ consumerKey: String, consumerSecret: String,
                           resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.initialize(consumerKey: consumerKey, consumerSecret: consumerSecret,
                        resolve: resolve, reject: Self.reject(reject))
    }

    @objc(initializeToken:resolve:reject:)
    public func initializeToken(_ accessToken: String?, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.initializeToken(accessToken: accessToken, resolve: resolve, reject: Self.reject(reject))
    }

    @objc(resolveAccessTokenRequest:accessToken:)
    public func resolveAccessTokenRequest(_ requestId: String, accessToken: String) {
        impl.resolveAccessTokenRequest(requestId: requestId, accessToken: accessToken)
    }

    @objc(rejectAccessTokenRequest:reason:)
    public func rejectAccessTokenRequest(_ requestId: String, reason: String) {
        impl.rejectAccessTokenRequest(requestId: requestId, reason: reason)
    }

    // MARK: Session

    @objc(sessionOpen:resolve:reject:)
    public func sessionOpen(_ info: [String: Any]?, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.sessionOpen(info: info, resolve: resolve, reject: Self.reject(reject))
    }

    @objc(sessionClose:reject:)
    public func sessionClose(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.sessionClose(resolve: resolve, reject: Self.reject(reject))
    }

    @objc(sessionIsOpen:reject:)
    public func sessionIsOpen(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.sessionIsOpen(resolve: resolve, reject: Self.reject(reject))
    }

    @objc(sessionGetParticipant:reject:)
    public func sessionGetParticipant(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.sessionGetParticipant(resolve: resolve, reject: Self.reject(reject))
    }

    // MARK: Conference

    @objc(conferenceCreate:resolve:reject:)
    public func conferenceCreate(_ options: [String: Any]?, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceCreate(options: options, resolve: resolve, reject: Self.reject(reject))
    }

    @objc(conferenceFetch:resolve:reject:)
    public func conferenceFetch(_ conferenceId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceFetch(conferenceId: conferenceId, resolve: resolve, reject: Self.reject(reject))
    }

    @objc(conferenceCurrent:reject:)
    public func conferenceCurrent(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceCurrent(resolve: resolve, reject: Self.reject(reject))
    }

    @objc(conferenceJoin:options:resolve:reject:)
    public func conferenceJoin(_ conferenceId: String, options: [String: Any]?,
                               resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceJoin(conferenceId: conferenceId, options: options, resolve: resolve, reject: Self.reject(reject))
    }

    @objc(conferenceLeave:resolve:reject:)
    public func conferenceLeave(_ options: [String: Any]?, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceLeave(options: options, resolve: resolve, reject: Self.reject(reject))
    }

    @objc(conferenceGetParticipants:resolve:reject:)
    public func conferenceGetParticipants(_ conferenceId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceGetParticipants(conferenceId: conferenceId, resolve: resolve, reject: Self.reject(reject))
    }

    @objc(conferenceGetParticipant:resolve:reject:)
    public func conferenceGetParticipant(_ participantId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceGetParticipant(participantId: participantId, resolve: resolve, reject: Self.reject(reject))
    }

    @objc(conferenceGetStatus:resolve:reject:)
    public func conferenceGetStatus(_ conferenceId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceGetStatus(conferenceId: conferenceId, resolve: resolve, reject: Self.reject(reject))
    }

    @objc(conferenceKick:resolve:reject:)
    public func conferenceKick(_ participantId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceKick(participantId: participantId, resolve: resolve, reject: Self.reject(reject))
    }

    @objc(conferenceMute:isMuted:resolve:reject:)
    public func conferenceMute(_ participantId: String, isMuted: Bool,
                               resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceMute(participantId: participantId, isMuted: isMuted, resolve: resolve, reject: Self.reject(reject))
    }

    @objc(conferenceIsMuted:reject:)
    public func conferenceIsMuted(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceIsMuted(resolve: resolve, reject: Self.reject(reject))
    }

    @objc(conferenceUpdatePermissions:resolve:reject:)
    public func conferenceUpdatePermissions(_ participantPermissions: [Any],
                                            resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceUpdatePermissions(participantPermissions: participantPermissions,
                                         resolve: resolve, reject: Self.reject(reject))
    }

    // MARK: Lifecycle

    @objc(invalidate)
    public func invalidate() {
        if let activeObserver { NotificationCenter.default.removeObserver(activeObserver) }
        activeObserver = nil
        impl.invalidate()
    }
}

/// The configuration for new modules (set by `configure`, read on module creation).
private final class Settings: @unchecked Sendable {
    private let lock = NSLock()
    private var config = defaultConfig()

    func get() -> IapiConfig {
        lock.lock()
        defer { lock.unlock() }
        return config
    }

    func update(_ config: IapiConfig) {
        lock.lock()
        self.config = config
        lock.unlock()
    }
}
