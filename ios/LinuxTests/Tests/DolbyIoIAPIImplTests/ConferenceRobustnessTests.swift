// A sink that throws (a JS handler's error surfacing in the emitter) does not stop later
// conference events; a conference access token is refused (INVALID_ARGUMENT, unsupported).
import DolbyIoIAPIImpl
import Foundation
import XCTest

/// Throws on every other emit; records every attempt.
private final class ThrowingSink: DolbyIoIAPIEventSink, @unchecked Sendable {
    struct Boom: Error {}
    let attempts = Locked<[DolbyIoIAPIEvent]>([])

    func emit(_ event: DolbyIoIAPIEvent) throws -> Bool {
        var n = 0
        attempts.update { $0.append(event); n = $0.count }
        if n % 2 == 1 { throw Boom() }
        return true
    }
}

final class ConferenceRobustnessTests: ModuleTestCase {
    private func settle(_ body: (TestPromise) -> Void) async throws -> Any? {
        let p = TestPromise()
        body(p)
        return try await p.value()
    }

    func testAThrowingSinkKeepsReceivingLaterEvents() async throws {
        let sink = ThrowingSink()
        let ada = DolbyIoIAPIImpl(config: Emulator.config(), events: sink, bridge: nil)
        defer { ada.invalidate() }
        let bobJs = FakeJs()
        bobJs.subscribed.update { $0 = true }
        let bob = try await initializedModule(events: bobJs)
        let p = TestPromise()
        ada.initialize(consumerKey: appKey, consumerSecret: appSecret, resolve: p.resolve, reject: p.reject)
        try await p.expectTrue()
        _ = try await settle { ada.sessionOpen(info: ["name": "Ada"], resolve: $0.resolve, reject: $0.reject) }
        let bobOpened = try await settle {
            bob.sessionOpen(info: ["name": "Bob"], resolve: $0.resolve, reject: $0.reject)
        }
        let bobMe = try XCTUnwrap(bobOpened as? [String: Any])
        let bobId = try XCTUnwrap(bobMe["id"] as? String)
        let created = try await settle {
            ada.conferenceCreate(options: nil, resolve: $0.resolve, reject: $0.reject)
        }
        let conf = try XCTUnwrap(created as? [String: Any])
        let id = try XCTUnwrap(conf["id"] as? String)
        _ = try await settle { ada.conferenceJoin(conferenceId: id, options: nil, resolve: $0.resolve, reject: $0.reject) }
        _ = try await settle { bob.conferenceJoin(conferenceId: id, options: nil, resolve: $0.resolve, reject: $0.reject) }
        _ = try await settle {
            bob.conferenceMute(participantId: bobId, isMuted: true, resolve: $0.resolve, reject: $0.reject)
        }
        let isBobMuted: (DolbyIoIAPIEvent) -> Bool = {
            if case let .participantsChange(_, p, .updated) = $0 { return p.id == bobId && p.isMuted }
            return false
        }
        let arrived = await eventually(timeout: 10) { sink.attempts.get().contains(where: isBobMuted) }
        XCTAssertTrue(arrived, "Bob's mute after throws; got \(sink.attempts.get())")
        let kinds = sink.attempts.get().map { event -> String in
            switch event {
            case let .participantsChange(_, p, change): return "\(change) \(p.info.name ?? "?")"
            case let .conferenceStatusChange(_, status): return "status \(status)"
            default: return "other"
            }
        }
        XCTAssertEqual(kinds, ["added Ada", "status joined", "added Bob", "updated Bob"])
    }

    func testAConferenceAccessTokenIsRefused() async throws {
        js.subscribed.update { $0 = true }
        let m = try await initializedModule()
        _ = try await settle { m.sessionOpen(info: nil, resolve: $0.resolve, reject: $0.reject) }
        let created = try await settle {
            m.conferenceCreate(options: nil, resolve: $0.resolve, reject: $0.reject)
        }
        let conf = try XCTUnwrap(created as? [String: Any])
        let id = try XCTUnwrap(conf["id"] as? String)
        let p = TestPromise()
        m.conferenceJoin(conferenceId: id, options: ["conferenceAccessToken": "a.b.c"], resolve: p.resolve, reject: p.reject)
        let r = try await p.rejection()
        XCTAssertEqual(r.code, "INVALID_ARGUMENT")
        XCTAssertTrue(r.message.contains("conferenceAccessToken"), r.message)
        _ = try await settle { m.conferenceJoin(conferenceId: id, options: nil, resolve: $0.resolve, reject: $0.reject) }
    }
}
