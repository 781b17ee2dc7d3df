// React-free types of the DolbyIoIAPI module (no React, no UIKit, no Objective-C runtime):
// compiled by the pod on iOS and by scripts/test-ios.sh on Linux. Values crossing these types
// are plain Swift: String, Bool, Double, nil, [String: Any] and [Any], which the Objective-C
// adapter (DolbyIoIAPIAdapter.swift) hands to React as NSDictionary / NSArray / NSNumber.
import Foundation

/// Settles a JS promise with a value (`nil` resolves `undefined` / `null`).
public typealias DolbyIoIAPIResolve = (_ value: Any?) -> Void

/// Rejects a JS promise: `code` is one of `DolbyIoIAPIErrorCode`, `message` never holds a secret.
/// `userInfo` (plain values) becomes the JS error's `userInfo`: `{ status, platformCode? }` for
/// `SERVER` errors, nil otherwise.
public typealias DolbyIoIAPIReject = (_ code: String, _ message: String, _ userInfo: [String: Any]?) -> Void

/// The shared error codes (rust-core/src/error.rs `codes`; `error.code` in JS).
public enum DolbyIoIAPIErrorCode {
    public static let invalidArgument = "INVALID_ARGUMENT"
    public static let notInitialized = "NOT_INITIALIZED"
    public static let invalidState = "INVALID_STATE"
    public static let unauthorized = "UNAUTHORIZED"
    public static let tokenRefreshFailed = "TOKEN_REFRESH_FAILED"
    public static let timeout = "TIMEOUT"
    public static let network = "NETWORK"
    public static let server = "SERVER"
    public static let cancelled = "CANCELLED"
}

/// An event of the spec (the `CodegenTypes.EventEmitter` members of src-js/NativeDolbyIoIAPI.ts).
public enum DolbyIoIAPIEvent: Equatable {
    /// `onAccessTokenRequest {requestId, isExpired}`: JS answers with
    /// `resolveAccessTokenRequest` / `rejectAccessTokenRequest`.
    case accessTokenRequest(requestId: String, isExpired: Bool)
    /// `onConferenceStatusChange {conferenceId, status}` (`status`: the core's ConferenceStatus name).
    case conferenceStatusChange(conferenceId: String, status: ConferenceStatus)
    /// `onParticipantsChange {conferenceId, participant, event}`: `participant` in the shape of the
    /// REST results (NativeParticipant), `event` "ADDED" | "UPDATED" | "REMOVED".
    case participantsChange(conferenceId: String, participant: ConferenceParticipant, change: ParticipantsChange)
    /// `onPermissionsChange {conferenceId, permissions}`: the local participant's own permissions
    /// (the spec's payload names no participant).
    case permissionsChange(conferenceId: String, permissions: [ConferencePermission])

    /// The spec's emitter name, e.g. `onAccessTokenRequest`.
    public var name: String {
        switch self {
        case .accessTokenRequest: return "onAccessTokenRequest"
        case .conferenceStatusChange: return "onConferenceStatusChange"
        case .participantsChange: return "onParticipantsChange"
        case .permissionsChange: return "onPermissionsChange"
        }
    }

    /// The payload, with the same keys on every platform.
    public var payload: [String: Any] {
        switch self {
        case let .accessTokenRequest(requestId, isExpired):
            return ["requestId": requestId, "isExpired": isExpired]
        case let .conferenceStatusChange(conferenceId, status):
            return ["conferenceId": conferenceId, "status": conferenceStatusName(value: status)]
        case let .participantsChange(conferenceId, participant, change):
            return ["conferenceId": conferenceId,
                    "participant": WireModels.conferenceParticipant(participant),
                    "event": change.rawValue]
        case let .permissionsChange(conferenceId, permissions):
            return ["conferenceId": conferenceId,
                    "permissions": permissions.map { conferencePermissionName(value: $0) }]
        }
    }
}

/// The `event` of `onParticipantsChange`.
public enum ParticipantsChange: String, Equatable {
    case added = "ADDED"
    case updated = "UPDATED"
    case removed = "REMOVED"
}

/// Where the module sends events for JS. Called on core threads: emit and return quickly.
public protocol DolbyIoIAPIEventSink: AnyObject {
    /// Emits `event`; returns false when it could not be delivered (e.g. React's emitter is gone).
    /// May throw (a JS handler's error surfacing here): the module logs it, treats the event as
    /// not delivered and goes on with the next one.
    func emit(_ event: DolbyIoIAPIEvent) throws -> Bool
}

/// A code and a readable, secret-free message for any failure of a module call.
public struct DolbyIoIAPIModuleError: Error, Equatable {
    public let code: String
    public let message: String
    /// For a core `Server` error: the platform's HTTP status.
    public var status: UInt16?
    /// For a core `Server` error whose body had one: the platform's `error_code`.
    public var platformCode: Int32?

    /// The JS error's `userInfo`: `{ status, platformCode? }` for a `Server` error, else nil.
    public var userInfo: [String: Any]? {
        guard let status else { return nil }
        var info: [String: Any] = ["status": Int(status)]
        if let platformCode { info["platformCode"] = Int(platformCode) }
        return info
    }

    static let invalidated = DolbyIoIAPIModuleError(
        code: DolbyIoIAPIErrorCode.cancelled, message: "cancelled: the module was invalidated")

    static func invalidArgument(_ reason: String) -> DolbyIoIAPIModuleError {
        DolbyIoIAPIModuleError(code: DolbyIoIAPIErrorCode.invalidArgument, message: "invalid argument: \(reason)")
    }

    /// The code and message of any error thrown by a call.
    public init(_ error: Error) {
        switch error {
        case let e as DolbyIoIAPIModuleError:
            self = e
        case let e as IapiError:
            // The code comes from the core (errorCode), the one mapping shared by every platform.
            self.init(code: errorCode(error: e), message: Self.describe(e))
            if case let .Server(status, platformCode, _) = e {
                self.status = status
                self.platformCode = platformCode
            }
        case is CancellationError:
            self = .invalidated
        default:
            // Never a bare "error": anything unexpected is an internal invalid state, without its
            // message (which could hold anything).
            self.init(code: DolbyIoIAPIErrorCode.invalidState, message: "internal error: \(type(of: error))")
        }
    }

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The core's own message (its Display text; reasons are already redacted). uniffi's
    /// `errorDescription` is `String(reflecting:)`, not meant for users.
    static func describe(_ e: IapiError) -> String {
        errorMessage(error: e)
    }
}

/// The spec's wire shapes <-> the core's records: `NativeParticipantInfo`, `NativeParticipant`,
/// `NativeConference` and the conference options. Optional keys are absent, never null; enum
/// values use the core's names (`conferenceStatusName`, `participantTypeFromName`, ...).
enum WireModels {
    static func participantInfo(_ map: [String: Any]?) throws -> ParticipantInfo {
        ParticipantInfo(name: try string(map, "name", in: "info"),
                        externalId: try string(map, "externalId", in: "info"),
                        avatarUrl: try string(map, "avatarUrl", in: "info"))
    }

    static func participant(_ p: Participant) -> [String: Any] {
        ["id": p.id, "info": info(p.info)]
    }

    /// `{ id, info, status, type }` (NativeParticipant).
    static func conferenceParticipant(_ p: ConferenceParticipant) -> [String: Any] {
        ["id": p.id, "info": info(p.info),
         "status": participantStatusName(value: p.status),
         "type": participantTypeName(value: p.participantType)]
    }

    /// `{ id, alias?, isNew, participants, status }` (NativeConference).
    static func conference(_ c: Conference) -> [String: Any] {
        var out: [String: Any] = [
            "id": c.id,
            "isNew": c.isNew,
            "participants": c.participants.map(conferenceParticipant),
            "status": conferenceStatusName(value: c.status),
        ]
        if let alias = c.alias { out["alias"] = alias }
        return out
    }

    /// `{ alias?, params?: { dolbyVoice?, liveRecording?, ttl?, videoCodec?, rtcpMode? } }`.
    static func conferenceCreateOptions(_ map: [String: Any]?) throws -> ConferenceCreateOptions {
        var params: ConferenceParameters?
        switch map?["params"] {
        case nil, is NSNull:
            params = nil
        case let p as [String: Any]:
            params = ConferenceParameters(
                dolbyVoice: try bool(p, "dolbyVoice", in: "options.params"),
                liveRecording: try bool(p, "liveRecording", in: "options.params"),
                ttl: try ttl(p["ttl"]),
                videoCodec: try string(p, "videoCodec", in: "options.params"),
                rtcpMode: try string(p, "rtcpMode", in: "options.params"))
        default:
            throw DolbyIoIAPIModuleError.invalidArgument("options.params must be an object")
        }
        return ConferenceCreateOptions(alias: try string(map, "alias", in: "options"), params: params)
    }

    /// `{ conferenceAccessToken?, participantType? }`: the type goes through the core's parser
    /// ("USER" / "LISTENER", anything else INVALID_ARGUMENT); the token goes to the core, which
    /// refuses it (INVALID_ARGUMENT: not supported).
    static func conferenceJoinOptions(_ map: [String: Any]?) throws -> ConferenceJoinOptions {
        let token = try string(map, "conferenceAccessToken", in: "options")
        let type = try string(map, "participantType", in: "options")
        return ConferenceJoinOptions(participantType: try type.map { try participantTypeFromName(value: $0) },
                                     conferenceAccessToken: token)
    }

    /// `leaveRoom` of `{ leaveRoom? }` (false when absent).
    static func leaveRoom(_ map: [String: Any]?) throws -> Bool {
        try bool(map, "leaveRoom", in: "options") ?? false
    }

    /// `[{ participantId, permissions: [String] }]`; permissions go through the core's parser.
    static func participantPermissions(_ list: [Any]) throws -> [ParticipantPermissions] {
        try list.enumerated().map { index, entry in
            let path = "participantPermissions[\(index)]"
            guard let map = entry as? [String: Any] else {
                throw DolbyIoIAPIModuleError.invalidArgument("\(path) must be an object")
            }
            guard let participantId = try string(map, "participantId", in: path) else {
                throw DolbyIoIAPIModuleError.invalidArgument("\(path).participantId is required")
            }
            guard let names = map["permissions"] as? [Any] else {
                throw DolbyIoIAPIModuleError.invalidArgument("\(path).permissions must be an array of strings")
            }
            let permissions = try names.map { name -> ConferencePermission in
                guard let name = name as? String else {
                    throw DolbyIoIAPIModuleError.invalidArgument("\(path).permissions must be an array of strings")
                }
                return try conferencePermissionFromName(value: name)
            }
            return ParticipantPermissions(participantId: participantId, permissions: permissions)
        }
    }

    // MARK: Helpers

    private static func info(_ i: ParticipantInfo) -> [String: Any] {
        var info: [String: Any] = [:]
        if let v = i.name { info["name"] = v }
        if let v = i.externalId { info["externalId"] = v }
        if let v = i.avatarUrl { info["avatarUrl"] = v }
        return info
    }

    private static func string(_ map: [String: Any]?, _ key: String, in path: String) throws -> String? {
        switch map?[key] {
        case nil, is NSNull: return nil
        case let s as String: return s
        default: throw DolbyIoIAPIModuleError.invalidArgument("\(path).\(key) must be a string")
        }
    }

    private static func bool(_ map: [String: Any]?, _ key: String, in path: String) throws -> Bool? {
        switch map?[key] {
        case nil, is NSNull: return nil
        case let b as Bool: return b
        default: throw DolbyIoIAPIModuleError.invalidArgument("\(path).\(key) must be a boolean")
        }
    }

    /// `params.ttl`: a whole number of seconds >= 0 (JS numbers arrive as Double / NSNumber).
    private static func ttl(_ value: Any?) throws -> UInt64? {
        let number: Double
        switch value {
        case nil, is NSNull: return nil
        case let d as Double: number = d
        case let i as Int: number = Double(i)
        case let n as NSNumber: number = n.doubleValue
        default: throw DolbyIoIAPIModuleError.invalidArgument("options.params.ttl must be a number")
        }
        guard number.isFinite, number >= 0, number.rounded() == number, number < 18_446_744_073_709_551_616 else {
            throw DolbyIoIAPIModuleError.invalidArgument("options.params.ttl must be a whole number of seconds >= 0")
        }
        return UInt64(number)
    }
}
