// The host's conference methods and events through the Swift bindings: two hosts against the
// emulator, each with its Swift `NativeModuleEvents`: join, mute, permissions (only the local
// participant's), kick, recovery after the event WebSockets drop, leave; bad input codes.
import Foundation
import IapiCore
import XCTest

final class ConferenceEventsTests: EmulatorTestCase {
    struct Member {
        let host: NativeModuleHost
        let id: String
        let events: RecordingEvents
    }

    /// Event sockets open before this test (other tests close their sessions, so normally 0).
    private var baseSockets = 0

    override func setUp() async throws {
        try await super.setUp()
        _ = try await eventually { try await Emulator.openSockets() == 0 }
        baseSockets = try await Emulator.openSockets()
    }

    override func tearDown() async throws {
        try await super.tearDown() // shuts the hosts down: their sockets close
        _ = try await eventually { try await Emulator.openSockets() == self.baseSockets }
    }

    /// A host initialized with a session open as `name`.
    private func member(_ name: String) async throws -> Member {
        let events = RecordingEvents()
        let host = try await initializedHost(events)
        let me = try await host.sessionOpen(info: ParticipantInfo(name: name, externalId: nil, avatarUrl: nil))
        return Member(host: host, id: me.id, events: events)
    }

    func testJoinMutePermissionsKickAndDropRecoveryAsEvents() async throws {
        let ada = try await member("Ada")
        let bob = try await member("Bob")
        try await Emulator.awaitSockets(baseSockets + 2) // both sockets up before acting

        let alias = "swift-events-\(UUID().uuidString)"
        let created = try await ada.host.conferenceCreate(options: NativeConferenceCreateOptions(alias: alias, params: nil))
        XCTAssertTrue(created.isNew)
        XCTAssertEqual(created.status, "CREATED")
        XCTAssertEqual(created.alias, alias)
        let again = try await bob.host.conferenceCreate(options: NativeConferenceCreateOptions(alias: alias, params: nil))
        XCTAssertEqual(again.id, created.id, "same alias, same conference")
        XCTAssertFalse(again.isNew)

        let joined = try await ada.host.conferenceJoin(conferenceId: created.id, options: nil)
        XCTAssertEqual(joined.status, "JOINED")
        try await ada.events.wait("JOINED") {
            ada.events.events.get().contains {
                if case let .status(c) = $0 { return c == NativeConferenceStatusChange(conferenceId: created.id, status: "JOINED") }
                return false
            }
        }
        _ = try await bob.host.conferenceJoin(conferenceId: created.id, options: nil)
        let added = try await ada.events.waitForParticipants("Bob added") { $0.event == "ADDED" && $0.participant.id == bob.id }
        XCTAssertEqual(added.conferenceId, created.id)
        XCTAssertEqual(added.participant.info.name, "Bob")
        XCTAssertEqual(added.participant.status, "CONNECTED")
        XCTAssertEqual(added.participant.participantType, "USER")

        let muted = try await ada.host.conferenceMute(participantId: bob.id, isMuted: true)
        XCTAssertTrue(muted)
        try await bob.events.waitForParticipants("Bob muted") {
            $0.event == "UPDATED" && $0.conferenceId == created.id && $0.participant.id == bob.id
        }
        let bobMuted = try await bob.host.conferenceIsMuted()
        XCTAssertTrue(bobMuted)

        // Only the local participant's permissions are emitted.
        let perms = ["JOIN", "SEND_AUDIO"]
        try await ada.host.conferenceUpdatePermissions(participantPermissions: [
            NativeParticipantPermissions(participantId: bob.id, permissions: perms),
            NativeParticipantPermissions(participantId: ada.id, permissions: ["KICK"]),
        ])
        try await bob.events.wait("Bob's permissions") { !bob.events.permissionChanges.isEmpty }
        try await ada.events.wait("Ada's permissions") { !ada.events.permissionChanges.isEmpty }
        XCTAssertEqual(bob.events.permissionChanges, [NativePermissionsChange(conferenceId: created.id, permissions: perms)])
        XCTAssertEqual(ada.events.permissionChanges, [NativePermissionsChange(conferenceId: created.id, permissions: ["KICK"])])

        try await ada.host.conferenceKick(participantId: bob.id)
        let kicked = try await bob.events.waitForParticipants("Bob kicked") {
            $0.event == "UPDATED" && $0.participant.id == bob.id && $0.participant.status == "KICKED"
        }
        XCTAssertEqual(kicked.conferenceId, created.id)
        try await ada.events.waitForParticipants("Bob kicked, seen by Ada") {
            $0.event == "UPDATED" && $0.participant.id == bob.id && $0.participant.status == "KICKED"
        }
        let bobCurrent = try await bob.host.conferenceCurrent()
        XCTAssertNil(bobCurrent, "a kicked participant is in no conference")

        // Drop every socket with no close frame: the sessions reconnect on their own, and Bob's
        // join of a new conference reaches Ada.
        let dropped = try await Emulator.dropSockets()
        XCTAssertGreaterThanOrEqual(dropped, 2)
        try await Emulator.awaitSockets(baseSockets + 2)
        // Ada's module told JS: RECONNECTING (with its attempt), then CONNECTED again.
        try await ada.events.wait("RECONNECTING, then CONNECTED") {
            let states = ada.events.connectionStates
            guard let down = states.lastIndex(where: { $0.state == "RECONNECTING" }) else { return false }
            return states.last?.state == "CONNECTED" && states.index(after: down) < states.endIndex
        }
        let reconnecting = try XCTUnwrap(ada.events.connectionStates.first { $0.state == "RECONNECTING" })
        XCTAssertEqual(reconnecting.attempt, 1)
        let next = try await ada.host.conferenceCreate(options: nil)
        XCTAssertTrue(next.isNew)
        XCTAssertNotEqual(next.id, created.id)
        _ = try await ada.host.conferenceJoin(conferenceId: next.id, options: nil)
        _ = try await bob.host.conferenceJoin(conferenceId: next.id, options: nil)
        try await ada.events.waitForParticipants("Bob added after the drop") {
            $0.event == "ADDED" && $0.conferenceId == next.id && $0.participant.id == bob.id
        }
        let unmuted = try await bob.host.conferenceIsMuted()
        XCTAssertFalse(unmuted, "a new conference starts unmuted")
        _ = try await ada.host.conferenceMute(participantId: bob.id, isMuted: true)
        try await bob.events.waitForParticipants("Bob muted after the drop") {
            $0.event == "UPDATED" && $0.conferenceId == next.id && $0.participant.id == bob.id
        }
        let bobNow = try await bob.host.conferenceCurrent()
        XCTAssertEqual(bobNow?.id, next.id)

        try await bob.host.conferenceLeave(leaveRoom: false)
        try await ada.events.waitForParticipants("Bob removed") {
            $0.event == "REMOVED" && $0.conferenceId == next.id && $0.participant.id == bob.id && $0.participant.status == "LEFT"
        }
        let bobOpen = try await bob.host.sessionIsOpen()
        XCTAssertTrue(bobOpen, "leaveRoom false keeps the session")
    }

    func testBadConferenceInputCodes() async throws {
        let ada = try await member("Ada")
        let unknown = "00000000-0000-0000-0000-000000000000"
        let error = await assertIapiError("SERVER") { try await ada.host.conferenceFetch(conferenceId: unknown) }
        guard case let .Server(status, code, _)? = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(status, 404)
        XCTAssertEqual(code, 3)
        await assertIapiError("INVALID_ARGUMENT") { try await ada.host.conferenceFetch(conferenceId: "../x") }
        await assertIapiError("INVALID_STATE") { try await ada.host.conferenceLeave(leaveRoom: false) }
        await assertIapiError("INVALID_STATE") { try await ada.host.conferenceKick(participantId: "someone") }

        let conf = try await ada.host.conferenceCreate(options: nil)
        _ = try await ada.host.conferenceJoin(conferenceId: conf.id, options: nil)
        let kick = await assertIapiError("SERVER") { try await ada.host.conferenceKick(participantId: "unknown-participant") }
        guard case let .Server(kickStatus, _, _)? = kick else { return XCTFail("\(String(describing: kick))") }
        XCTAssertEqual(kickStatus, 404)
        await assertIapiError("INVALID_ARGUMENT") { try await ada.host.conferenceGetParticipant(participantId: "nobody") }
        try await ada.host.conferenceLeave(leaveRoom: false)
        let current = try await ada.host.conferenceCurrent()
        XCTAssertNil(current)
    }
}
