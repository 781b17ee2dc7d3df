// React-free types of the DolbyIoIAPI module (compiled on Linux by scripts/test-ios.sh): plain
// values (String, Bool, Double, nil, [String: Any], [Any]) <-> the core's NativeModuleHost records.
import Foundation

/// A JS promise (as the Kotlin module's `ModulePromise`); the module settles it once.
public struct DolbyIoIAPIPromise {
    /// Resolves with a value (`nil`: `undefined` / `null`).
    public let resolve: (_ value: Any?) -> Void
    /// Rejects; `userInfo` becomes the JS error's `userInfo` (see `NativeError.jsUserInfo`).
    public let reject: (_ code: String, _ message: String, _ userInfo: [String: Any]?) -> Void

    public init(resolve: @escaping (Any?) -> Void, reject: @escaping (String, String, [String: Any]?) -> Void) {
        (self.resolve, self.reject) = (resolve, reject)
    }

    /// Rejects with `error` as JS sees it (the core's `nativeError` for the core's errors).
    func reject(_ error: Error) {
        let e = NativeError(error)
        reject(e.code, e.message, e.jsUserInfo)
    }
}

/// Where the module sends the spec's events (`name`, e.g. "onAccessTokenRequest", with its
/// payload), on core threads: emit and return quickly. False or a throw means not delivered
/// (the core then fails a token request at once).
public protocol DolbyIoIAPIEventSink: AnyObject {
    func emit(_ name: String, _ payload: [String: Any]) throws -> Bool
}

/// Writes the core's log records (scrubbed by the core) to the platform's log: unified logging on
/// iOS (`UnifiedLog`, DolbyIoIAPIAdapter.swift), a stand-in in the Linux tests.
public protocol DolbyIoIAPIPlatformLog: Sendable { func write(_ record: NativeLogRecord) }

/// What a failed call rejects with: `code`, `message`, and for SERVER `status` / `platformCode`.
extension NativeError {
    /// The core's `nativeError`, or an internal INVALID_STATE without the unknown error's text.
    public init(_ error: Error) {
        self = (error as? IapiError).map { nativeError(error: $0) }
            ?? NativeError(code: "INVALID_STATE", message: "internal error: \(type(of: error))", status: nil, platformCode: nil)
    }

    /// The JS error's `userInfo`: `{ status, platformCode? }` for a SERVER error, else nil.
    public var jsUserInfo: [String: Any]? {
        status.map { ["status": Int($0), "platformCode": platformCode.map { Int($0) }].compactMapValues { $0 } }
    }
}

/// Plain values <-> the host's records. Type errors are INVALID_ARGUMENT here; values (enum
/// names, ttl, tokens) are the core's to check. Unset keys are absent, never null.
enum Wire {
    // Arguments: JS -> the host
    static func participantInfo(_ m: [String: Any]?) throws -> ParticipantInfo? {
        try m.map { ParticipantInfo(name: try get($0, "name", "info"), externalId: try get($0, "externalId", "info"),
                                    avatarUrl: try get($0, "avatarUrl", "info")) }
    }
    static func createOptions(_ m: [String: Any]?) throws -> NativeConferenceCreateOptions? {
        try m.map { m in
            let params: [String: Any]? = try get(m, "params", "options"), at = "options.params"
            return NativeConferenceCreateOptions(alias: try get(m, "alias", "options"), params: try params.map {
                NativeConferenceParameters(
                    dolbyVoice: try get($0, "dolbyVoice", at), liveRecording: try get($0, "liveRecording", at),
                    ttl: try get($0, "ttl", at), videoCodec: try get($0, "videoCodec", at), rtcpMode: try get($0, "rtcpMode", at))
            })
        }
    }
    static func joinOptions(_ m: [String: Any]?) throws -> NativeConferenceJoinOptions? {
        try m.map { NativeConferenceJoinOptions(conferenceAccessToken: try get($0, "conferenceAccessToken", "options"),
                                                participantType: try get($0, "participantType", "options")) }
    }
    static func leaveRoom(_ m: [String: Any]?) throws -> Bool {
        try m.flatMap { try get($0, "leaveRoom", "options") as Bool? } ?? false
    }
    static func permissions(_ list: [Any]) throws -> [NativeParticipantPermissions] {
        try list.enumerated().map { i, entry in
            let m = entry as? [String: Any], at = "participantPermissions[\(i)]"
            guard let m, let id: String = try get(m, "participantId", at), let names = m["permissions"] as? [String] else {
                throw IapiError.InvalidArgument(reason: "\(at) must be { participantId: string, permissions: string[] }")
            }
            return NativeParticipantPermissions(participantId: id, permissions: names)
        }
    }

    // Results and event payloads: the host -> JS
    static func participant(_ p: NativeParticipant) -> [String: Any] {
        let info = present(["name": p.info.name, "externalId": p.info.externalId, "avatarUrl": p.info.avatarUrl])
        return present(["id": p.id, "info": info, "status": p.status, "type": p.participantType])
    }
    static func conference(_ c: NativeConference) -> [String: Any] {
        present(["id": c.id, "alias": c.alias, "isNew": c.isNew, "participants": c.participants.map(participant),
                 "status": c.status])
    }
    static func connectionState(_ s: NativeConnectionState) -> [String: Any] {
        present(["state": s.state, "attempt": s.attempt, "retryInMs": s.retryInMs, "reason": s.reason, "sequence": s.sequence])
    }
    static func tokenState(_ s: NativeTokenState) -> [String: Any] {
        let refresh = s.refresh.map { r in
            present(["trigger": r.trigger, "outcome": r.outcome, "errorCode": r.errorCode, "errorMessage": r.errorMessage])
        }
        return present(["state": s.state, "expiresAt": s.expiresAt, "nextRefreshAt": s.nextRefreshAt, "refresh": refresh,
                        "sequence": s.sequence])
    }
    static func logRecord(_ r: NativeLogRecord) -> [String: Any] {
        present(["level": r.level, "target": r.target, "message": r.message, "timestamp": r.timestamp, "dropped": r.dropped])
    }

    /// The set values (an optional's nil leaves its key absent, never NSNull).
    private static func present(_ m: [String: Any?]) -> [String: Any] { m.compactMapValues { $0 } }
    /// `m[key]` as a String, Bool, Double (a JS number) or object; nil when absent or null.
    private static func get<T>(_ m: [String: Any], _ key: String, _ at: String) throws -> T? {
        switch m[key] {
        case nil, is NSNull: return nil
        case let value as T: return value
        default:
            let kind = T.self == String.self ? "a string" : T.self == Bool.self ? "a boolean"
                : T.self == Double.self ? "a number" : "an object"
            throw IapiError.InvalidArgument(reason: "\(at).\(key) must be \(kind)")
        }
    }
}
