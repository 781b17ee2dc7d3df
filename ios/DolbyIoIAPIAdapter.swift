// The Objective-C face of DolbyIoIAPIImpl for DolbyIoIAPI.mm (iOS only: @objc needs the
// Objective-C runtime). Glue: Foundation collections in, NSError userInfo out, the module's
// emitter as the event sink, resume on app activation. Selectors are spelled out so that
// scripts/test-ios.sh can check the .mm's calls against them.
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

    private weak var emitter: DolbyIoIAPIEventEmitting? // the React module owns this adapter
    private var impl: DolbyIoIAPIImpl!
    private var activeObserver: NSObjectProtocol?
    private static let lock = NSLock()
    private static var config = defaultConfig()

    /// Development only: the platform hosts for modules created after this call. `baseUrl` must be
    /// https, or http on a loopback host (the local emulator); nil restores production.
    /// `callbackTimeoutMs` <= 0 keeps the default. A bad URL rejects the calls with INVALID_ARGUMENT.
    @objc(configureWithBaseUrl:callbackTimeoutMs:)
    public static func configure(baseUrl: String?, callbackTimeoutMs: Int64) {
        var config = baseUrl.map { configForBaseUrl(baseUrl: $0) } ?? defaultConfig()
        if callbackTimeoutMs > 0 { config.callbackTimeoutMs = UInt64(callbackTimeoutMs) }
        lock.withLock { Self.config = config }
    }

    @objc(initWithEmitter:)
    public init(emitter: DolbyIoIAPIEventEmitting) {
        self.emitter = emitter
        super.init()
        impl = DolbyIoIAPIImpl(config: Self.lock.withLock { Self.config }, events: self, log: { NSLog("%@", $0) })
        #if canImport(UIKit)
        // Timers stop while the app is suspended: re-evaluate the token when it is active again.
        activeObserver = NotificationCenter.default.addObserver(
            forName: UIApplication.didBecomeActiveNotification, object: nil, queue: nil
        ) { [weak self] _ in self?.impl.resume() }
        #endif
    }

    deinit {
        if let activeObserver { NotificationCenter.default.removeObserver(activeObserver) }
    }

    public func emit(_ name: String, _ payload: [String: Any]) -> Bool {
        emitter?.emitEvent(name, payload: payload) ?? false
    }

    /// React copies the NSError's userInfo into the JS error's `userInfo`; `message` stays the JS message.
    private static func r(_ reject: @escaping Reject) -> DolbyIoIAPIReject {
        { code, message, info in reject(code, message, info.map { NSError(domain: "DolbyIoIAPI", code: 0, userInfo: $0) }) }
    }

    @objc(initialize:consumerSecret:resolve:reject:)
    public func initialize(_ key: String, consumerSecret: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.initialize(consumerKey: key, consumerSecret: consumerSecret, resolve: resolve, reject: Self.r(reject))
    }
    @objc(initializeToken:resolve:reject:)
    public func initializeToken(_ accessToken: String?, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.initializeToken(accessToken: accessToken, resolve: resolve, reject: Self.r(reject))
    }
    @objc(resolveAccessTokenRequest:accessToken:)
    public func resolveAccessTokenRequest(_ requestId: String, accessToken: String) {
        impl.resolveAccessTokenRequest(requestId: requestId, accessToken: accessToken)
    }
    @objc(rejectAccessTokenRequest:reason:)
    public func rejectAccessTokenRequest(_ requestId: String, reason: String) {
        impl.rejectAccessTokenRequest(requestId: requestId, reason: reason)
    }
    @objc(sessionOpen:resolve:reject:)
    public func sessionOpen(_ info: [String: Any]?, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.sessionOpen(info: info, resolve: resolve, reject: Self.r(reject))
    }
    @objc(sessionClose:reject:)
    public func sessionClose(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.sessionClose(resolve: resolve, reject: Self.r(reject))
    }
    @objc(sessionIsOpen:reject:)
    public func sessionIsOpen(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.sessionIsOpen(resolve: resolve, reject: Self.r(reject))
    }
    @objc(sessionGetParticipant:reject:)
    public func sessionGetParticipant(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.sessionGetParticipant(resolve: resolve, reject: Self.r(reject))
    }
    @objc(conferenceCreate:resolve:reject:)
    public func conferenceCreate(_ options: [String: Any]?, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceCreate(options: options, resolve: resolve, reject: Self.r(reject))
    }
    @objc(conferenceFetch:resolve:reject:)
    public func conferenceFetch(_ conferenceId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceFetch(conferenceId: conferenceId, resolve: resolve, reject: Self.r(reject))
    }
    @objc(conferenceCurrent:reject:)
    public func conferenceCurrent(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceCurrent(resolve: resolve, reject: Self.r(reject))
    }
    @objc(conferenceJoin:options:resolve:reject:)
    public func conferenceJoin(_ conferenceId: String, options: [String: Any]?, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceJoin(conferenceId: conferenceId, options: options, resolve: resolve, reject: Self.r(reject))
    }
    @objc(conferenceLeave:resolve:reject:)
    public func conferenceLeave(_ options: [String: Any]?, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceLeave(options: options, resolve: resolve, reject: Self.r(reject))
    }
    @objc(conferenceGetParticipants:resolve:reject:)
    public func conferenceGetParticipants(_ conferenceId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceGetParticipants(conferenceId: conferenceId, resolve: resolve, reject: Self.r(reject))
    }
    @objc(conferenceGetParticipant:resolve:reject:)
    public func conferenceGetParticipant(_ participantId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceGetParticipant(participantId: participantId, resolve: resolve, reject: Self.r(reject))
    }
    @objc(conferenceGetStatus:resolve:reject:)
    public func conferenceGetStatus(_ conferenceId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceGetStatus(conferenceId: conferenceId, resolve: resolve, reject: Self.r(reject))
    }
    @objc(conferenceKick:resolve:reject:)
    public func conferenceKick(_ participantId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceKick(participantId: participantId, resolve: resolve, reject: Self.r(reject))
    }
    @objc(conferenceMute:isMuted:resolve:reject:)
    public func conferenceMute(_ participantId: String, isMuted: Bool, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceMute(participantId: participantId, isMuted: isMuted, resolve: resolve, reject: Self.r(reject))
    }
    @objc(conferenceIsMuted:reject:)
    public func conferenceIsMuted(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceIsMuted(resolve: resolve, reject: Self.r(reject))
    }
    @objc(conferenceUpdatePermissions:resolve:reject:)
    public func conferenceUpdatePermissions(_ list: [Any], resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceUpdatePermissions(participantPermissions: list, resolve: resolve, reject: Self.r(reject))
    }

    @objc(invalidate)
    public func invalidate() {
        if let activeObserver { NotificationCenter.default.removeObserver(activeObserver) }
        activeObserver = nil
        impl.invalidate()
    }
}
