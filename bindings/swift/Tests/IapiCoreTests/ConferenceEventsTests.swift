// The conference service and its events through the Swift bindings: two SDK instances against the
// emulator, each with a Swift `ConferenceEventListener` (the foreign trait the core calls on its own
// threads), like the Kotlin ConferenceEventsTest.
import Foundation
import IapiCore
import XCTest

// MARK: - The emulator's event WebSockets

extension Emulator {
    /// Event WebSockets open now (`GET /_control/ws`).
    static func openSockets() async throws -> Int {
        let answer = try await request("GET", "/_control/ws")
        return (answer["open"] as? NSNumber)?.intValue ?? -1
    }

    /// Drops every event WebSocket with no close frame (`POST /_control/ws/drop`); returns how many.
    @discardableResult
    static func dropSockets() async throws -> Int {
        let answer = try await request("POST", "/_control/ws/drop")
        return (answer["dropped"] as? NSNumber)?.intValue ?? -1
    }

    /// Polls until `n` event WebSockets are open (sessions connect theirs in the background).
    static func awaitSockets(_ n: Int, timeout: TimeInterval = 10,
                             file: StaticString = #filePath, line: UInt = #line) async throws {
        let ok = try await eventually(timeout: timeout) { try await openSockets() == n }
        if !ok {
            let open = try await openSockets()
            XCTFail("expected \(n) open event WebSockets, have \(open)", file: file, line: line)
            throw ControlError(description: "sockets not connected")
        }
    }
}

// MARK: - A Swift listener

/// Collects every conference event; the core calls it on its own threads, hence the lock.
final class EventCollector: ConferenceEventListener, @unchecked Sendable {
    let events = Locked<[ConferenceEvent]>([])

    func onConferenceEvent(event: ConferenceEvent) {
        events.update { $0.append(event) }
    }

    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    /// Waits (up to `timeout`) for an event matching `pred` and returns it.
    @discardableResult
    func wait(_ what: String, timeout: TimeInterval = 5,
              file: StaticString = #filePath, line: UInt = #line,
              _ pred: (ConferenceEvent) -> Bool) async throws -> ConferenceEvent {
        _ = await eventually(timeout: timeout) { events.get().contains(where: pred) }
        guard let event = events.get().first(where: pred) else {
            XCTFail("no \(what) event; got \(events.get())", file: file, line: line)
            throw Missing(description: "no \(what) event")
        }
        return event
    }
}

extension ConferenceEvent {
    var conferenceId: String {
        switch self {
        case let .participantAdded(id, _), let .participantUpdated(id, _), let .participantRemoved(id, _):
            return id
        case let .statusChanged(id, _): return id
        case let .permissionsUpdated(id, _, _): return id
        }
    }

    /// The participant of an added/updated/removed event.
    var participant: ConferenceParticipant? {
        switch self {
        case let .participantAdded(_, p), let .participantUpdated(_, p), let .participantRemoved(_, p):
            return p
        case .statusChanged, .permissionsUpdated:
            return nil
        }
    }

    var isAdded: Bool { if case .participantAdded = self { return true }; return false }
    var isUpdated: Bool { if case .participantUpdated = self { return true }; return false }
    var isRemoved: Bool { if case .participantRemoved = self { return true }; return false }
}

// MARK: - Tests

final class ConferenceEventsTests: EmulatorTestCase {
    struct Member {
        let sdk: DolbyIoIapi
        let id: String
        let events: EventCollector
        /// Events reach `events` while this is held.
        let subscription: Subscription
        var conference: ConferenceClient { sdk.conference() }
    }

    private var members: [Member] = []
    /// Event sockets open before this test (other tests close their sessions, so normally 0).
    private var baseSockets = 0

    override func setUp() async throws {
        try await super.setUp()
        _ = try await eventually { try await Emulator.openSockets() == 0 }
        baseSockets = try await Emulator.openSockets()
    }

    override func tearDown() async throws {
        for m in members {
            if m.sdk.session().isOpen() { try? await m.sdk.session().close() }
            m.subscription.cancel()
        }
        members.removeAll()
        _ = try await eventually { try await Emulator.openSockets() == self.baseSockets }
        try await super.tearDown()
    }

    /// An SDK with its listener set, initialized, and a session open as `name`.
    private func member(_ name: String) async throws -> Member {
        let sdk = try DolbyIoIapi(config: emulatorConfig())
        let events = EventCollector()
        let subscription = sdk.conference().subscribe(listener: events)
        let ok = try await sdk.initialize(consumerKey: appKey, consumerSecret: appSecret)
        XCTAssertTrue(ok)
        let me = try await sdk.session().open(info: ParticipantInfo(name: name, externalId: nil, avatarUrl: nil))
        let m = Member(sdk: sdk, id: me.id, events: events, subscription: subscription)
        members.append(m)
        return m
    }

    func testJoinMutePermissionsKickAndDropRecoveryAsEvents() async throws {
        let ada = try await member("Ada")
        let bob = try await member("Bob")
        try await Emulator.awaitSockets(baseSockets + 2) // both sockets up before acting

        let alias = "swift-events-\(UUID().uuidString)"
        let created = try await ada.conference.create(options: ConferenceCreateOptions(alias: alias))
        XCTAssertTrue(created.isNew)
        XCTAssertEqual(created.status, .created)
        let again = try await bob.conference.create(options: ConferenceCreateOptions(alias: alias))
        XCTAssertEqual(again.id, created.id, "same alias, same conference")
        XCTAssertFalse(again.isNew)

        let joined = try await ada.conference.join(conferenceId: created.id, options: nil)
        XCTAssertEqual(joined.status, .joined)
        _ = try await bob.conference.join(conferenceId: created.id, options: nil)
        let added = try await ada.events.wait("Bob added") { $0.isAdded && $0.participant?.id == bob.id }
        XCTAssertEqual(added.conferenceId, created.id)
        XCTAssertEqual(added.participant?.info.name, "Bob")
        XCTAssertEqual(added.participant?.status, .connected)

        let muted = try await ada.conference.mute(participantId: bob.id, isMuted: true)
        XCTAssertTrue(muted)
        try await bob.events.wait("Bob muted") {
            $0.isUpdated && $0.conferenceId == created.id && $0.participant?.id == bob.id && $0.participant?.isMuted == true
        }
        let bobMuted = try await bob.conference.isMuted()
        XCTAssertTrue(bobMuted)

        let perms: [ConferencePermission] = [.join, .sendAudio]
        try await ada.conference.updatePermissions(permissions: [ParticipantPermissions(participantId: bob.id, permissions: perms)])
        let updated = try await bob.events.wait("permissions") {
            if case let .permissionsUpdated(_, pid, _) = $0 { return pid == bob.id }
            return false
        }
        XCTAssertEqual(updated, .permissionsUpdated(conferenceId: created.id, participantId: bob.id, permissions: perms))

        try await ada.conference.kick(participantId: bob.id)
        let kicked = try await bob.events.wait("Bob kicked") {
            $0.isUpdated && $0.participant?.id == bob.id && $0.participant?.status == .kicked
        }
        XCTAssertEqual(kicked.conferenceId, created.id)
        try await ada.events.wait("Bob kicked, seen by Ada") {
            $0.isUpdated && $0.participant?.id == bob.id && $0.participant?.status == .kicked
        }
        let bobCurrent = try await bob.conference.current()
        XCTAssertNil(bobCurrent, "a kicked participant is in no conference")

        // Drop every socket with no close frame: the sessions reconnect on their own, and Bob's
        // join of a new conference reaches Ada.
        let dropped = try await Emulator.dropSockets()
        XCTAssertGreaterThanOrEqual(dropped, 2)
        try await Emulator.awaitSockets(baseSockets + 2)
        let next = try await ada.conference.create(options: nil)
        XCTAssertTrue(next.isNew)
        XCTAssertNotEqual(next.id, created.id)
        _ = try await ada.conference.join(conferenceId: next.id, options: nil)
        _ = try await bob.conference.join(conferenceId: next.id, options: nil)
        let after = try await ada.events.wait("Bob added after the drop") {
            $0.isAdded && $0.conferenceId == next.id && $0.participant?.id == bob.id
        }
        XCTAssertEqual(after.participant?.isMuted, false, "a new conference starts unmuted")
        _ = try await ada.conference.mute(participantId: bob.id, isMuted: true)
        try await bob.events.wait("Bob muted after the drop") {
            $0.isUpdated && $0.conferenceId == next.id && $0.participant?.id == bob.id && $0.participant?.isMuted == true
        }
        let bobNow = try await bob.conference.current()
        XCTAssertEqual(bobNow?.id, next.id)

        try await bob.conference.leave()
        try await ada.events.wait("Bob removed") {
            $0.isRemoved && $0.conferenceId == next.id && $0.participant?.id == bob.id && $0.participant?.status == .left
        }
    }

    func testBadConferenceInputCodes() async throws {
        let ada = try await member("Ada")
        let unknown = "00000000-0000-0000-0000-000000000000"
        let error = await assertIapiError("SERVER") { try await ada.conference.fetch(conferenceId: unknown) }
        guard case let .Server(status, code, _)? = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(status, 404)
        XCTAssertEqual(code, 3)
        await assertIapiError("INVALID_ARGUMENT") { try await ada.conference.fetch(conferenceId: "../x") }
        await assertIapiError("INVALID_STATE") { try await ada.conference.leave() }
        await assertIapiError("INVALID_STATE") { try await ada.conference.kick(participantId: "someone") }

        let conf = try await ada.conference.create(options: nil)
        _ = try await ada.conference.join(conferenceId: conf.id, options: nil)
        let kick = await assertIapiError("SERVER") { try await ada.conference.kick(participantId: "unknown-participant") }
        guard case let .Server(kickStatus, _, _)? = kick else { return XCTFail("\(String(describing: kick))") }
        XCTAssertEqual(kickStatus, 404)
        await assertIapiError("INVALID_ARGUMENT") { try await ada.conference.participant(participantId: "nobody") }
        try await ada.conference.leave()
        let current = try await ada.conference.current()
        XCTAssertNil(current)
    }
}
