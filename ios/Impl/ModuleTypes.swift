// React-free types of the DolbyIoIAPI module (no React, no UIKit, no Objective-C runtime):
// compiled by the pod on iOS and by scripts/test-ios.sh on Linux. Values crossing these types
// are plain Swift: String, Bool, Double, nil, [String: Any] and [Any], which the Objective-C
// adapter (DolbyIoIAPIAdapter.swift) hands to React as NSDictionary / NSArray / NSNumber.
import Foundation

/// Settles a JS promise with a value (`nil` resolves `undefined` / `null`).
public typealias DolbyIoIAPIResolve = (_ value: Any?) -> Void

/// Rejects a JS promise: `code` is one of `DolbyIoIAPIErrorCode`, `message` never holds a secret.
public typealias DolbyIoIAPIReject = (_ code: String, _ message: String) -> Void

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
    // The conference issue adds conferenceStatusChange, participantsChange, permissionsChange.

    /// The spec's emitter name, e.g. `onAccessTokenRequest`.
    public var name: String {
        switch self {
        case .accessTokenRequest: return "onAccessTokenRequest"
        }
    }

    /// The payload, with the same keys on every platform.
    public var payload: [String: Any] {
        switch self {
        case let .accessTokenRequest(requestId, isExpired):
            return ["requestId": requestId, "isExpired": isExpired]
        }
    }
}

/// Where the module sends events for JS. Called on core threads: emit and return quickly.
public protocol DolbyIoIAPIEventSink: AnyObject {
    /// Emits `event`; returns false when it could not be delivered (e.g. React's emitter is gone).
    func emit(_ event: DolbyIoIAPIEvent) -> Bool
}

/// A code and a readable, secret-free message for any failure of a module call.
public struct DolbyIoIAPIModuleError: Error, Equatable {
    public let code: String
    public let message: String

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

/// `{ name?, externalId?, avatarUrl? }` <-> `ParticipantInfo` / `Participant` (absent keys, never null).
enum WireModels {
    static func participantInfo(_ map: [String: Any]?) throws -> ParticipantInfo {
        func string(_ key: String) throws -> String? {
            switch map?[key] {
            case nil, is NSNull: return nil
            case let s as String: return s
            default: throw DolbyIoIAPIModuleError.invalidArgument("info.\(key) must be a string")
            }
        }
        return ParticipantInfo(name: try string("name"), externalId: try string("externalId"),
                               avatarUrl: try string("avatarUrl"))
    }

    static func participant(_ p: Participant) -> [String: Any] {
        var info: [String: Any] = [:]
        if let v = p.info.name { info["name"] = v }
        if let v = p.info.externalId { info["externalId"] = v }
        if let v = p.info.avatarUrl { info["avatarUrl"] = v }
        return ["id": p.id, "info": info]
    }
}
