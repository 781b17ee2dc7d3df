// A sink that throws (a JS handler's error surfacing in the emitter) does not stop later
// conference events; a conference access token is refused (the core's INVALID_ARGUMENT, passed through).
import DolbyIoIAPIImpl
import Foundation
import XCTest

final class ConferenceRobustnessTests: ModuleTestCase {
    func testAThrowingSinkKeepsReceivingLaterEvents() async throws {
        let sink = ThrowingSink(every: 2)
        let ada = module(events: sink)
        let bobJs = FakeJs()
        bobJs.subscribed.update { $0 = true }
        let bob = try await initializedModule(events: bobJs)
        let p = TestPromise()
        ada.initialize(consumerKey: appKey, consumerSecret: appSecret, p.promise)
        try await p.expectTrue()
        _ = try await value { ada.sessionOpen(info: ["name": "Ada"], $0.promise) }
        let bobOpened = try await value {
            bob.sessionOpen(info: ["name": "Bob"], $0.promise)
        }
        let bobMe = try XCTUnwrap(bobOpened as? [String: Any])
        let bobId = try XCTUnwrap(bobMe["id"] as? String)
        let created = try await value {
            ada.conferenceCreate(options: nil, $0.promise)
        }
        let conf = try XCTUnwrap(created as? [String: Any])
        let id = try XCTUnwrap(conf["id"] as? String)
        _ = try await value { ada.conferenceJoin(conferenceId: id, options: nil, $0.promise) }
        _ = try await value { bob.conferenceJoin(conferenceId: id, options: nil, $0.promise) }
        _ = try await value {
            bob.conferenceMute(participantId: bobId, isMuted: true, $0.promise)
        }
        let kinds: () -> [String] = {
            sink.attempts.get().map { name, payload in
                let who = (payload["participant"] as? [String: Any])?["info"] as? [String: Any]
                return "\(name) \(payload["event"] ?? payload["status"] ?? "?") \(who?["name"] ?? "")"
            }
        }
        let expected = ["onParticipantsChange ADDED Ada", "onConferenceStatusChange JOINED ", "onParticipantsChange ADDED Bob",
                        "onParticipantsChange UPDATED Bob"]
        let arrived = await eventually(timeout: 10) { kinds().count >= expected.count }
        XCTAssertTrue(arrived, "Bob's mute after throws; got \(kinds())")
        XCTAssertEqual(kinds(), expected, "every event reached the sink although every other one threw")
    }

    func testAConferenceAccessTokenIsRefused() async throws {
        js.subscribed.update { $0 = true }
        let m = try await initializedModule()
        _ = try await value { m.sessionOpen(info: nil, $0.promise) }
        let created = try await value {
            m.conferenceCreate(options: nil, $0.promise)
        }
        let conf = try XCTUnwrap(created as? [String: Any])
        let id = try XCTUnwrap(conf["id"] as? String)
        let p = TestPromise()
        m.conferenceJoin(conferenceId: id, options: ["conferenceAccessToken": "a.b.c"], p.promise)
        let r = try await p.rejection()
        XCTAssertEqual(r.code, "INVALID_ARGUMENT")
        XCTAssertTrue(r.message.contains("conferenceAccessToken"), r.message)
        _ = try await value { m.conferenceJoin(conferenceId: id, options: nil, $0.promise) }
    }
}
