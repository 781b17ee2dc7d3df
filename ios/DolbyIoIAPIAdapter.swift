// The Objective-C face of DolbyIoIAPIImpl for DolbyIoIAPI.mm (iOS only: @objc needs the
// Objective-C runtime). Glue: Foundation collections in, NSError userInfo out, the module's
// emitter as the event sink, resume on app activation, the core's log records to unified logging
// (Apple-only APIs stay here; ios/Impl takes them as hooks that the Linux tests stand in for).
// Selectors are spelled out so that scripts/test-ios.sh can check the .mm's calls against them.
import Foundation
import os
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

/// Unified logging for the core's records: subsystem `io.dolby.iapi`, category = the record's
/// target, the message public (the core scrubbed it). WARN is `.default` (notice), apart from
/// ERROR's `.error`; DEBUG and TRACE are `.debug`.
struct UnifiedLog: DolbyIoIAPIPlatformLog {
    private static let types: [String: OSLogType] = ["ERROR": .error, "WARN": .default, "INFO": .info]

    func write(_ r: NativeLogRecord) {
        os.Logger(subsystem: "io.dolby.iapi", category: r.target)
            .log(level: Self.types[r.level] ?? .debug, "\(r.message, privacy: .public)")
    }
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
        impl = DolbyIoIAPIImpl(config: Self.lock.withLock { Self.config }, events: self, platformLog: UnifiedLog(),
                               log: { NSLog("%@", $0) })
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

    /// The promise; React copies the NSError's userInfo into the JS error's `userInfo` (`message` stays the JS message).
    private static func p(_ resolve: @escaping Resolve, _ reject: @escaping Reject) -> DolbyIoIAPIPromise {
        DolbyIoIAPIPromise(resolve: resolve) { code, message, info in
            reject(code, message, info.map { NSError(domain: "DolbyIoIAPI", code: 0, userInfo: $0) })
        }
    }

    @objc(initialize:consumerSecret:resolve:reject:)
    public func initialize(_ key: String, consumerSecret: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.initialize(consumerKey: key, consumerSecret: consumerSecret, Self.p(resolve, reject))
    }
    @objc(initializeToken:resolve:reject:)
    public func initializeToken(_ accessToken: String?, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.initializeToken(accessToken: accessToken, Self.p(resolve, reject))
    }
    @objc(resolveAccessTokenRequest:accessToken:)
    public func resolveAccessTokenRequest(_ requestId: String, accessToken: String) {
        impl.resolveAccessTokenRequest(requestId: requestId, accessToken: accessToken)
    }
    @objc(rejectAccessTokenRequest:reason:)
    public func rejectAccessTokenRequest(_ requestId: String, reason: String) {
        impl.rejectAccessTokenRequest(requestId: requestId, reason: reason)
    }
    @objc(getTokenState:reject:)
    public func getTokenState(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.getTokenState(Self.p(resolve, reject))
    }
    @objc(setLogLevel:platformLog:resolve:reject:)
    public func setLogLevel(_ level: String, platformLog: Bool, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.setLogLevel(level: level, platformLog: platformLog, Self.p(resolve, reject))
    }
    @objc(sessionOpen:resolve:reject:)
    public func sessionOpen(_ info: [String: Any]?, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.sessionOpen(info: info, Self.p(resolve, reject))
    }
    @objc(sessionClose:reject:)
    public func sessionClose(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.sessionClose(Self.p(resolve, reject))
    }
    @objc(sessionIsOpen:reject:)
    public func sessionIsOpen(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.sessionIsOpen(Self.p(resolve, reject))
    }
    @objc(sessionGetParticipant:reject:)
    public func sessionGetParticipant(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.sessionGetParticipant(Self.p(resolve, reject))
    }
    @objc(sessionGetConnectionState:reject:)
    public func sessionGetConnectionState(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.sessionGetConnectionState(Self.p(resolve, reject))
    }
    @objc(conferenceCreate:resolve:reject:)
    public func conferenceCreate(_ options: [String: Any]?, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceCreate(options: options, Self.p(resolve, reject))
    }
    @objc(conferenceFetch:resolve:reject:)
    public func conferenceFetch(_ conferenceId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceFetch(conferenceId: conferenceId, Self.p(resolve, reject))
    }
    @objc(conferenceCurrent:reject:)
    public func conferenceCurrent(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceCurrent(Self.p(resolve, reject))
    }
    @objc(conferenceJoin:options:resolve:reject:)
    public func conferenceJoin(_ conferenceId: String, options: [String: Any]?, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceJoin(conferenceId: conferenceId, options: options, Self.p(resolve, reject))
    }
    @objc(conferenceLeave:resolve:reject:)
    public func conferenceLeave(_ options: [String: Any]?, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceLeave(options: options, Self.p(resolve, reject))
    }
    @objc(conferenceGetParticipants:resolve:reject:)
    public func conferenceGetParticipants(_ conferenceId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceGetParticipants(conferenceId: conferenceId, Self.p(resolve, reject))
    }
    @objc(conferenceGetParticipant:resolve:reject:)
    public func conferenceGetParticipant(_ participantId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceGetParticipant(participantId: participantId, Self.p(resolve, reject))
    }
    @objc(conferenceGetStatus:resolve:reject:)
    public func conferenceGetStatus(_ conferenceId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceGetStatus(conferenceId: conferenceId, Self.p(resolve, reject))
    }
    @objc(conferenceKick:resolve:reject:)
    public func conferenceKick(_ participantId: String, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceKick(participantId: participantId, Self.p(resolve, reject))
    }
    @objc(conferenceMute:isMuted:resolve:reject:)
    public func conferenceMute(_ participantId: String, isMuted: Bool, resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceMute(participantId: participantId, isMuted: isMuted, Self.p(resolve, reject))
    }
    @objc(conferenceIsMuted:reject:)
    public func conferenceIsMuted(_ resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceIsMuted(Self.p(resolve, reject))
    }
    @objc(conferenceUpdatePermissions:resolve:reject:)
    public func conferenceUpdatePermissions(_ list: [Any], resolve: @escaping Resolve, reject: @escaping Reject) {
        impl.conferenceUpdatePermissions(participantPermissions: list, Self.p(resolve, reject))
    }

    @objc(invalidate)
    public func invalidate() {
        if let activeObserver { NotificationCenter.default.removeObserver(activeObserver) }
        activeObserver = nil
        impl.invalidate()
    }
}
