// A Swift `NativeModuleEvents` (the foreign trait the core calls on its own threads) standing in
// for a shim: records every event in order, where token requests were delivered, and counts its
// instances; what it does with a token request is the test's (`onRequest`).
import Foundation
import IapiCore
import XCTest

final class RecordingEvents: NativeModuleEvents, @unchecked Sendable {
    enum Event {
        case request(AccessTokenRequest)
        case connection(NativeConnectionState)
        case token(NativeTokenState)
        case log(NativeLogRecord)
        case platformLog(NativeLogRecord)
        case status(NativeConferenceStatusChange)
        case participants(NativeParticipantsChange)
        case permissions(NativePermissionsChange)
    }

    /// A token request and the thread it was delivered on.
    struct Delivery {
        let request: AccessTokenRequest
        let isMainThread: Bool
        let thread: pthread_t
        let threadName: String
    }

    let events = Locked<[Event]>([])
    let deliveries = Locked<[Delivery]>([])
    /// Called with each token request after it is recorded; throwing refuses the delivery.
    let onRequest = Locked<(@Sendable (AccessTokenRequest) throws -> Void)?>(nil)
    private let counter: LiveCounter?

    init(counter: LiveCounter? = nil) {
        self.counter = counter
        counter?.created.update { $0 += 1 }
    }

    deinit { counter?.released.update { $0 += 1 } }

    func onAccessTokenRequest(request: AccessTokenRequest) throws {
        events.update { $0.append(.request(request)) }
        deliveries.update {
            $0.append(Delivery(request: request, isMainThread: Thread.isMainThread,
                               thread: pthread_self(), threadName: currentThreadName()))
        }
        try onRequest.get()?(request)
    }

    func onConferenceStatusChange(change: NativeConferenceStatusChange) { events.update { $0.append(.status(change)) } }
    func onParticipantsChange(change: NativeParticipantsChange) { events.update { $0.append(.participants(change)) } }
    func onPermissionsChange(change: NativePermissionsChange) { events.update { $0.append(.permissions(change)) } }
    func onConnectionStateChange(state: NativeConnectionState) { events.update { $0.append(.connection(state)) } }
    func onTokenStateChange(state: NativeTokenState) { events.update { $0.append(.token(state)) } }
    func onLog(record: NativeLogRecord) { events.update { $0.append(.log(record)) } }
    func writePlatformLog(record: NativeLogRecord) { events.update { $0.append(.platformLog(record)) } }

    var requests: [AccessTokenRequest] { events.get().compactMap { if case let .request(r) = $0 { return r }; return nil } }
    var connectionStates: [NativeConnectionState] {
        events.get().compactMap { if case let .connection(s) = $0 { return s }; return nil }
    }
    var tokenStates: [NativeTokenState] { events.get().compactMap { if case let .token(s) = $0 { return s }; return nil } }
    var logs: [NativeLogRecord] { events.get().compactMap { if case let .log(r) = $0 { return r }; return nil } }
    var platformLogs: [NativeLogRecord] { events.get().compactMap { if case let .platformLog(r) = $0 { return r }; return nil } }
    var participantChanges: [NativeParticipantsChange] {
        events.get().compactMap { if case let .participants(c) = $0 { return c }; return nil }
    }
    var permissionChanges: [NativePermissionsChange] {
        events.get().compactMap { if case let .permissions(c) = $0 { return c }; return nil }
    }

    /// Waits until `condition` holds; fails the test with `what` when it does not in time.
    func wait(_ what: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line,
              _ condition: () -> Bool) async throws {
        guard await eventually(timeout: timeout, { condition() }) else {
            XCTFail("no \(what); got \(events.get())", file: file, line: line)
            throw Emulator.ControlError(description: "no \(what)")
        }
    }

    /// Waits for the `n`-th token request (1-based) and returns its delivery.
    func waitForRequest(_ n: Int = 1, file: StaticString = #filePath, line: UInt = #line) async throws -> Delivery {
        try await wait("token request #\(n)", file: file, line: line) { deliveries.get().count >= n }
        return deliveries.get()[n - 1]
    }

    /// Waits for an onParticipantsChange matching `pred` and returns it.
    @discardableResult
    func waitForParticipants(_ what: String, file: StaticString = #filePath, line: UInt = #line,
                             _ pred: @escaping (NativeParticipantsChange) -> Bool) async throws -> NativeParticipantsChange {
        try await wait(what, file: file, line: line) { participantChanges.contains(where: pred) }
        return participantChanges.first(where: pred)!
    }

    /// Answers every token request with a fresh emulator token (minted off the core's thread, as
    /// JS answers later), optionally revoked first or after `delayMs`. Holds `host` weakly: the
    /// host holds these events.
    func answerWithMintedTokens(_ host: NativeModuleHost, ttlSecs: Int = 600, delayMs: UInt64 = 0,
                                revoked: Bool = false) {
        onRequest.update {
            $0 = { [weak host] request in
                Task {
                    if delayMs > 0 { try await Task.sleep(nanoseconds: delayMs * 1_000_000) }
                    let token = try await Emulator.mint(ttlSecs: ttlSecs)
                    if revoked { try await Emulator.revoke(token) }
                    host?.resolveAccessTokenRequest(requestId: request.requestId, accessToken: token)
                }
            }
        }
    }
}
