// Conference events through the implementation: two modules (two SDK instances, each with its
// own JS side) against one emulator. The core delivers them over each session's WebSocket;
// the module emits onParticipantsChange, onConferenceStatusChange and onPermissionsChange
// (the local participant's own permissions only), and nothing once invalidated.
import DolbyIoIAPIImpl
import Foundation
import XCTest

final class ConferenceEventTests: ModuleTestCase {
    // MARK: Helpers

    /// A subscribed JS side, an initialized module emitting to it, and an open session.
    private func member(_ name: String) async throws -> (DolbyIoIAPIImpl, String, FakeJs) {
        let events = FakeJs()
        events.subscribed.update { $0 = true }
        let m = try await initializedModule(events: events)
        let p = TestPromise()
        m.sessionOpen(info: ["name": name], p.promise)
        let value = try await p.value()
        let me = try XCTUnwrap(value as? [String: Any])
        return (m, try XCTUnwrap(me["id"] as? String), events)
    }

    /// Event sockets open before the test's sessions (those of earlier tests close once their
    /// modules are invalidated and their SDKs dropped).
    private func socketBaseline() async throws -> Int {
        let deadline = Date().addingTimeInterval(3)
        var open = try await Emulator.openSockets()
        while open > 0, Date() < deadline {
            try await Task.sleep(nanoseconds: 20_000_000)
            open = try await Emulator.openSockets()
        }
        return open
    }

    /// Waits until `n` more event sockets than `baseline` are open: events flow from then on.
    private func waitForSockets(_ n: Int, above baseline: Int) async throws {
        let deadline = Date().addingTimeInterval(5)
        var open = try await Emulator.openSockets()
        while open < baseline + n, Date() < deadline {
            try await Task.sleep(nanoseconds: 20_000_000)
            open = try await Emulator.openSockets()
        }
        XCTAssertGreaterThanOrEqual(open, baseline + n, "event sockets open")
    }

    typealias Event = FakeJs.Emitted

    /// The first event of `js` matching `match` (within 5 s).
    @discardableResult
    private func waitFor(_ js: FakeJs, _ what: String, file: StaticString = #filePath, line: UInt = #line,
                         _ match: @escaping (Event) -> Bool) async throws -> Event {
        _ = await eventually { js.emitted.get().contains(where: match) }
        guard let found = js.emitted.get().first(where: match) else {
            throw TestFailure(description: "no \(what) event; got \(js.emitted.get().map { "\($0.name) \($0.payload)" })")
        }
        XCTAssertFalse(found.isMainThread, "\(what) emitted on the main thread", file: file, line: line)
        return found
    }

    private func count(_ js: FakeJs, _ match: (Event) -> Bool) -> Int {
        js.emitted.get().filter(match).count
    }

    /// onParticipantsChange for participant `id` with `event` (and `status`, when given).
    private func isParticipant(_ id: String, _ change: String, status: String? = nil) -> (Event) -> Bool {
        { e in
            guard e.name == "onParticipantsChange", e.payload["event"] as? String == change,
                  let p = e.payload["participant"] as? [String: Any], p["id"] as? String == id else { return false }
            return status == nil || p["status"] as? String == status
        }
    }

    private func isPermissions(_ e: Event) -> Bool { e.name == "onPermissionsChange" }

    /// The payload of onParticipantsChange: exactly {conferenceId, participant, event}, with
    /// the participant in the REST results' shape (NativeParticipant).
    private func checkParticipantsPayload(_ event: Event, conferenceId: String, id: String, name: String,
                                          status: String, change: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(event.name, "onParticipantsChange", file: file, line: line)
        let payload = event.payload
        XCTAssertEqual(Set(payload.keys), ["conferenceId", "participant", "event"], file: file, line: line)
        XCTAssertEqual(payload["conferenceId"] as? String, conferenceId, file: file, line: line)
        XCTAssertEqual(payload["event"] as? String, change, file: file, line: line)
        guard let p = payload["participant"] as? [String: Any] else {
            return XCTFail("participant is not an object: \(payload)", file: file, line: line)
        }
        XCTAssertEqual(Set(p.keys), ["id", "info", "status", "type"], file: file, line: line)
        XCTAssertEqual(p["id"] as? String, id, file: file, line: line)
        XCTAssertEqual(p["info"] as? [String: String], ["name": name], "absent info keys stay absent", file: file, line: line)
        XCTAssertEqual(p["status"] as? String, status, file: file, line: line)
        XCTAssertEqual(p["type"] as? String, "USER", file: file, line: line)
    }

    // MARK: Tests

    func testJoinMutePermissionsKickAndStatusAsEvents() async throws {
        let baseline = try await socketBaseline()
        let (ada, adaId, adaJs) = try await member("Ada")
        let (bob, bobId, bobJs) = try await member("Bob")
        try await waitForSockets(2, above: baseline)

        let made = try await value { ada.conferenceCreate(options: [:], $0.promise) }
        let created = try XCTUnwrap(made as? [String: Any])
        let id = try XCTUnwrap(created["id"] as? String)

        // Ada joins: she is ADDED, then the conference is JOINED (onConferenceStatusChange).
        _ = try await value { ada.conferenceJoin(conferenceId: id, options: [:], $0.promise) }
        try await waitFor(adaJs, "Ada added", isParticipant(adaId, "ADDED"))
        let joined = try await waitFor(adaJs, "JOINED") {
            $0.name == "onConferenceStatusChange" && $0.payload["status"] as? String == "JOINED"
        }
        XCTAssertEqual(Set(joined.payload.keys), ["conferenceId", "status"])
        XCTAssertEqual(joined.payload["conferenceId"] as? String, id)
        XCTAssertEqual(joined.payload["status"] as? String, "JOINED")

        // Bob joins: Ada sees him ADDED.
        _ = try await value { bob.conferenceJoin(conferenceId: id, options: [:], $0.promise) }
        let bobAdded = try await waitFor(adaJs, "Bob added", isParticipant(bobId, "ADDED"))
        checkParticipantsPayload(bobAdded, conferenceId: id, id: bobId, name: "Bob", status: "CONNECTED", change: "ADDED")

        // Ada mutes Bob: both see him UPDATED (the payload's participant has no muted state).
        _ = try await value { ada.conferenceMute(participantId: bobId, isMuted: true, $0.promise) }
        let muted = try await waitFor(bobJs, "Bob muted", isParticipant(bobId, "UPDATED"))
        checkParticipantsPayload(muted, conferenceId: id, id: bobId, name: "Bob", status: "CONNECTED", change: "UPDATED")
        try await waitFor(adaJs, "Bob muted (Ada)", isParticipant(bobId, "UPDATED"))

        // One request for both: each module emits only its own participant's permissions.
        _ = try await value {
            ada.conferenceUpdatePermissions(participantPermissions: [
                ["participantId": bobId, "permissions": ["JOIN", "SEND_AUDIO"]],
                ["participantId": adaId, "permissions": ["KICK"]],
            ], $0.promise)
        }
        let bobPermissions = try await waitFor(bobJs, "Bob's permissions", isPermissions)
        XCTAssertEqual(bobPermissions.name, "onPermissionsChange")
        XCTAssertEqual(Set(bobPermissions.payload.keys), ["conferenceId", "permissions"])
        XCTAssertEqual(bobPermissions.payload["conferenceId"] as? String, id)
        XCTAssertEqual(bobPermissions.payload["permissions"] as? [String], ["JOIN", "SEND_AUDIO"])
        let adaPermissions = try await waitFor(adaJs, "Ada's permissions", isPermissions)
        XCTAssertEqual(adaPermissions.payload["permissions"] as? [String], ["KICK"])
        // Events reach every session in one order: Bob's entry came first, so Ada has seen
        // (and dropped) it by now.
        XCTAssertEqual(count(adaJs, isPermissions), 1, "Ada emitted another participant's permissions")

        // Ada kicks Bob: Bob's module emits his UPDATED with status KICKED.
        _ = try await value { ada.conferenceKick(participantId: bobId, $0.promise) }
        let kicked = try await waitFor(bobJs, "Bob kicked", isParticipant(bobId, "UPDATED", status: "KICKED"))
        checkParticipantsPayload(kicked, conferenceId: id, id: bobId, name: "Bob", status: "KICKED", change: "UPDATED")
        XCTAssertEqual(count(bobJs, isPermissions), 1, "Bob emitted another participant's permissions")
        let current = try await value { bob.conferenceCurrent($0.promise) }
        XCTAssertNil(current, "a kicked participant is in no conference")
        XCTAssertEqual(adaJs.earlyEmits.get() + bobJs.earlyEmits.get(), 0)
    }

    func testNothingIsEmittedAfterInvalidate() async throws {
        let baseline = try await socketBaseline()
        let (ada, _, adaJs) = try await member("Ada")
        let (bob, bobId, bobJs) = try await member("Bob")
        try await waitForSockets(2, above: baseline)
        let made = try await value { ada.conferenceCreate(options: [:], $0.promise) }
        let created = try XCTUnwrap(made as? [String: Any])
        let id = try XCTUnwrap(created["id"] as? String)
        _ = try await value { ada.conferenceJoin(conferenceId: id, options: [:], $0.promise) }
        _ = try await value { bob.conferenceJoin(conferenceId: id, options: [:], $0.promise) }
        try await waitFor(adaJs, "Bob added", isParticipant(bobId, "ADDED"))

        // A call in flight keeps Ada's SDK (and its event socket) alive past invalidate: the core
        // still receives her events, the module must not emit them.
        try await Emulator.fault(route: "conferenceFetch", kind: "latency", latencyMs: 3000)
        let held = TestPromise()
        ada.conferenceFetch(conferenceId: id, held.promise)
        try await Task.sleep(nanoseconds: 100_000_000)
        ada.invalidate()
        try await held.expectRejection("CANCELLED")
        let (seen, seenStates) = (adaJs.emitted.get().count, adaJs.states.get().count)
        // Changes Ada (still CONNECTED on the platform) would hear about: mute, then Bob leaves.
        _ = try await value { bob.conferenceMute(participantId: bobId, isMuted: true, $0.promise) }
        _ = try await value { bob.conferenceLeave(options: [:], $0.promise) }
        let removed = try await waitFor(bobJs, "Bob removed", isParticipant(bobId, "REMOVED", status: "LEFT"))
        checkParticipantsPayload(removed, conferenceId: id, id: bobId, name: "Bob", status: "LEFT", change: "REMOVED")
        try await Task.sleep(nanoseconds: 300_000_000)
        let open = try await Emulator.openSockets()
        XCTAssertGreaterThanOrEqual(open, baseline + 1, "Ada's socket is still open")
        XCTAssertEqual(adaJs.emitted.get().count, seen,
                       "emitted after invalidate: \(adaJs.emitted.get().dropFirst(seen).map(\.name))")
        XCTAssertEqual(adaJs.states.get().count, seenStates,
                       "state events after invalidate: \(adaJs.states.get().dropFirst(seenStates).map(\.name))")

        // A session opened after invalidate is refused (the host was shut down).
        let p = TestPromise()
        ada.sessionOpen(info: nil, p.promise)
        try await p.expectRejection("CANCELLED")
    }

    /// The host keeps its events object alive, which does not hold the module, so a module with an
    /// open session and no other owner goes away (its deinit shuts the host down).
    func testTheConferenceListenerDoesNotKeepTheModuleAlive() async throws {
        let events = FakeJs()
        events.subscribed.update { $0 = true }
        weak var weakModule: DolbyIoIAPIImpl?
        do {
            let m = DolbyIoIAPIImpl(config: Emulator.config(), events: events, platformLog: platformLog)
            weakModule = m
            let initialized = TestPromise()
            m.initialize(consumerKey: appKey, consumerSecret: appSecret, initialized.promise)
            try await initialized.expectTrue()
            let opened = TestPromise()
            m.sessionOpen(info: ["name": "Cy"], opened.promise)
            _ = try await opened.value()
        }
        let gone = await eventually { weakModule == nil }
        XCTAssertTrue(gone, "the module is still alive: a reference cycle through the SDK's listener")
    }
}
