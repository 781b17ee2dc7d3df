// The conference methods through the implementation: two modules (two SDK instances, as two
// apps) against one emulator, the spec's wire shapes (optional keys absent, never null; enum
// values as the core names them) and the codes of bad calls.
import DolbyIoIAPIImpl
import Foundation
import XCTest

final class ConferenceTests: ModuleTestCase {
    /// JS subscribes to the conference events before it opens a session (ConferenceEventTests
    /// checks them; here they are just allowed).
    override func setUp() async throws {
        try await super.setUp()
        js.subscribed.update { $0 = true }
    }

    // MARK: Helpers

    /// An initialized module with an open session for `name`; returns it and its participant id.
    private func signedIn(_ name: String) async throws -> (DolbyIoIAPIImpl, String) {
        let m = try await initializedModule()
        let me = try await object { m.sessionOpen(info: ["name": name], $0.promise) }
        return (m, try XCTUnwrap(me["id"] as? String))
    }

    /// An alias no other test (or earlier run against the same emulator) uses.
    private func uniqueAlias(_ base: String) -> String { "\(base)-\(UUID().uuidString.prefix(8))" }

    /// NativeConference: exactly `{id, alias?, isNew?, participants, status}`, no null anywhere.
    private func checkConference(_ c: [String: Any], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(Set(c.keys).isSubset(of: ["id", "alias", "isNew", "participants", "status"]),
                      "keys \(c.keys.sorted())", file: file, line: line)
        XCTAssertNotNil(c["id"] as? String, file: file, line: line)
        XCTAssertNotNil(c["status"] as? String, file: file, line: line)
        if c["alias"] != nil { XCTAssertNotNil(c["alias"] as? String, file: file, line: line) }
        if c["isNew"] != nil { XCTAssertNotNil(c["isNew"] as? Bool, file: file, line: line) }
        guard let participants = c["participants"] as? [Any] else {
            return XCTFail("participants is not an array: \(String(describing: c["participants"]))", file: file, line: line)
        }
        for p in participants {
            guard let p = p as? [String: Any] else { return XCTFail("participant \(p)", file: file, line: line) }
            checkParticipant(p, file: file, line: line)
        }
    }

    /// NativeParticipant: exactly `{id, info:{name?,externalId?,avatarUrl?}, status?, type?}`.
    private func checkParticipant(_ p: [String: Any], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(Set(p.keys).isSubset(of: ["id", "info", "status", "type"]), "keys \(p.keys.sorted())",
                      file: file, line: line)
        XCTAssertNotNil(p["id"] as? String, file: file, line: line)
        guard let info = p["info"] as? [String: Any] else {
            return XCTFail("info is not an object: \(String(describing: p["info"]))", file: file, line: line)
        }
        XCTAssertTrue(Set(info.keys).isSubset(of: ["name", "externalId", "avatarUrl"]), "info keys \(info.keys.sorted())",
                      file: file, line: line)
        for (key, v) in info { XCTAssertTrue(v is String, "info.\(key) = \(v)", file: file, line: line) }
        for key in ["status", "type"] where p[key] != nil {
            XCTAssertNotNil(p[key] as? String, "\(key) = \(String(describing: p[key]))", file: file, line: line)
        }
    }

    private func participant(_ id: String, in list: Any?) throws -> [String: Any] {
        let all = try XCTUnwrap(list as? [[String: Any]], "not a list of objects: \(String(describing: list))")
        return try XCTUnwrap(all.first { $0["id"] as? String == id }, "no participant \(id) in \(all)")
    }

    // MARK: Tests

    func testTwoModulesCreateJoinMutePermissionsKickLeave() async throws {
        let (ada, adaId) = try await signedIn("Ada")
        let (bob, bobId) = try await signedIn("Bob")
        let alias = uniqueAlias("standup")

        // create, then the same alias again from the other module: the same conference
        let created = try await object {
            ada.conferenceCreate(options: ["alias": alias,
                                           "params": ["dolbyVoice": true, "ttl": 60.0, "videoCodec": "H264"]], $0.promise)
        }
        checkConference(created)
        let id = try XCTUnwrap(created["id"] as? String)
        XCTAssertEqual(created["alias"] as? String, alias)
        XCTAssertEqual(created["isNew"] as? Bool, true)
        XCTAssertEqual(created["status"] as? String, "CREATED")
        XCTAssertEqual((created["participants"] as? [Any])?.count, 0)
        let again = try await object { bob.conferenceCreate(options: ["alias": alias], $0.promise) }
        checkConference(again)
        XCTAssertEqual(again["id"] as? String, id, "same alias, same conference")
        XCTAssertEqual(again["isNew"] as? Bool, false)

        // no alias: the key is absent, not null
        let unnamed = try await object { ada.conferenceCreate(options: [:], $0.promise) }
        checkConference(unnamed)
        XCTAssertNil(unnamed["alias"], "alias must be absent: \(unnamed)")
        XCTAssertNotEqual(unnamed["id"] as? String, id)

        // current is null before joining
        let before = try await value { ada.conferenceCurrent($0.promise) }
        XCTAssertNil(before, "current before joining: \(String(describing: before))")

        // join both: Ada as a user (default), Bob as a listener
        let joined = try await object { ada.conferenceJoin(conferenceId: id, options: [:], $0.promise) }
        checkConference(joined)
        XCTAssertEqual(joined["status"] as? String, "JOINED")
        XCTAssertEqual(try participant(adaId, in: joined["participants"])["status"] as? String, "CONNECTED")
        let bobJoined = try await object {
            bob.conferenceJoin(conferenceId: id, options: ["participantType": "LISTENER"], $0.promise)
        }
        checkConference(bobJoined)
        let current = try await object { ada.conferenceCurrent($0.promise) }
        checkConference(current)
        XCTAssertEqual(current["id"] as? String, id)
        XCTAssertEqual(current["isNew"] as? Bool, false)
        let fetched = try await object { bob.conferenceFetch(conferenceId: id, $0.promise) }
        checkConference(fetched)
        XCTAssertEqual(fetched["alias"] as? String, alias)

        // participants, participant, status
        let people = try await value { ada.conferenceGetParticipants(conferenceId: id, $0.promise) }
        XCTAssertEqual((people as? [Any])?.count, 2)
        for p in (people as? [[String: Any]]) ?? [] { checkParticipant(p) }
        let adaInList = try participant(adaId, in: people)
        XCTAssertEqual(adaInList["info"] as? [String: String], ["name": "Ada"], "absent info keys stay absent")
        XCTAssertEqual(adaInList["type"] as? String, "USER")
        let adaSeen = try await object { bob.conferenceGetParticipant(participantId: adaId, $0.promise) }
        checkParticipant(adaSeen)
        XCTAssertEqual(adaSeen["status"] as? String, "CONNECTED")
        XCTAssertEqual(adaSeen["type"] as? String, "USER")
        let bobSeen = try await object { ada.conferenceGetParticipant(participantId: bobId, $0.promise) }
        checkParticipant(bobSeen)
        XCTAssertEqual(bobSeen["id"] as? String, bobId)
        XCTAssertEqual(bobSeen["status"] as? String, "CONNECTED")
        XCTAssertEqual(bobSeen["type"] as? String, "LISTENER")
        XCTAssertEqual((bobSeen["info"] as? [String: Any])?["name"] as? String, "Bob")
        let status = try await value { bob.conferenceGetStatus(conferenceId: id, $0.promise) }
        XCTAssertEqual(status as? String, "JOINED")

        // mute / isMuted
        let muted = try await value { ada.conferenceMute(participantId: bobId, isMuted: true, $0.promise) }
        XCTAssertEqual(muted as? Bool, true)
        let bobMuted = try await value { bob.conferenceIsMuted($0.promise) }
        XCTAssertEqual(bobMuted as? Bool, true, "the mute is visible to the muted one")
        let adaMuted = try await value { ada.conferenceIsMuted($0.promise) }
        XCTAssertEqual(adaMuted as? Bool, false)
        let unmuted = try await value { ada.conferenceMute(participantId: bobId, isMuted: false, $0.promise) }
        XCTAssertEqual(unmuted as? Bool, false)

        // permissions (checked on the emulator: NativeParticipant has no permissions)
        let updated = try await value {
            ada.conferenceUpdatePermissions(participantPermissions: [["participantId": bobId, "permissions": ["JOIN", "SEND_AUDIO"]]], $0.promise)
        }
        XCTAssertNil(updated)
        let onServer = try await Emulator.conference(id)
        XCTAssertEqual(try participant(bobId, in: onServer["participants"])["permissions"] as? [String], ["JOIN", "SEND_AUDIO"])
        try await expect("INVALID_ARGUMENT", containing: "FLY") {
            ada.conferenceUpdatePermissions(participantPermissions: [["participantId": bobId, "permissions": ["JOIN", "FLY"]]], $0.promise)
        }
        let unchanged = try await Emulator.conference(id)
        XCTAssertEqual(try participant(bobId, in: unchanged["participants"])["permissions"] as? [String], ["JOIN", "SEND_AUDIO"])

        // kick
        let kicked = try await value { ada.conferenceKick(participantId: bobId, $0.promise) }
        XCTAssertNil(kicked)
        let bobNow = try await object { ada.conferenceGetParticipant(participantId: bobId, $0.promise) }
        XCTAssertEqual(bobNow["status"] as? String, "KICKED")

        // leave: current is null again, the conference ended, the session stays open
        let left = try await value { ada.conferenceLeave(options: [:], $0.promise) }
        XCTAssertNil(left)
        let after = try await value { ada.conferenceCurrent($0.promise) }
        XCTAssertNil(after, "current after leaving: \(String(describing: after))")
        let ended = try await value { ada.conferenceGetStatus(conferenceId: id, $0.promise) }
        XCTAssertEqual(ended as? String, "ENDED")
        let open = try await value { ada.sessionIsOpen($0.promise) }
        XCTAssertEqual(open as? Bool, true, "leave without leaveRoom keeps the session")
        try await expect("INVALID_STATE") { ada.conferenceLeave(options: nil, $0.promise) }

        // an ended conference frees its alias
        let fresh = try await object { ada.conferenceCreate(options: ["alias": alias], $0.promise) }
        XCTAssertEqual(fresh["isNew"] as? Bool, true)
        XCTAssertNotEqual(fresh["id"] as? String, id)
        // Conference events only: the key and secret never needed a token request.
        let names = Set(js.emitted.get().map(\.name))
        XCTAssertTrue(names.isSubset(of: ["onParticipantsChange", "onConferenceStatusChange", "onPermissionsChange"]),
                      "\(names)")
    }

    func testLeaveRoomAlsoClosesTheSession() async throws {
        let (ada, adaId) = try await signedIn("Ada")
        let created = try await object { ada.conferenceCreate(options: nil, $0.promise) }
        let id = try XCTUnwrap(created["id"] as? String)
        _ = try await object { ada.conferenceJoin(conferenceId: id, options: nil, $0.promise) }
        let left = try await value { ada.conferenceLeave(options: ["leaveRoom": true], $0.promise) }
        XCTAssertNil(left)
        let open = try await value { ada.sessionIsOpen($0.promise) }
        XCTAssertEqual(open as? Bool, false, "leaveRoom closes the session")
        let after = try await value { ada.conferenceCurrent($0.promise) }
        XCTAssertNil(after)
        let seen = try await object { ada.conferenceFetch(conferenceId: id, $0.promise) }
        XCTAssertEqual(seen["status"] as? String, "ENDED")
        XCTAssertEqual(try participant(adaId, in: seen["participants"])["status"] as? String, "LEFT")
        try await expect("INVALID_STATE", containing: "no session") {
            ada.conferenceJoin(conferenceId: id, options: nil, $0.promise)
        }
    }

    func testBadCallsGiveClearCodes() async throws {
        // not initialized
        let fresh = module()
        try await expect("NOT_INITIALIZED") { fresh.conferenceCreate(options: nil, $0.promise) }

        // initialized, no session: join needs one
        let lonely = try await initializedModule()
        let conf = try await object { lonely.conferenceCreate(options: nil, $0.promise) }
        let id = try XCTUnwrap(conf["id"] as? String)
        try await expect("INVALID_STATE", containing: "no session") {
            lonely.conferenceJoin(conferenceId: id, options: [:], $0.promise)
        }

        let (ada, _) = try await signedIn("Ada")
        // unknown conference: the platform's 404
        try await expect("SERVER", containing: "404") {
            ada.conferenceFetch(conferenceId: "00000000-0000-0000-0000-000000000000", $0.promise)
        }
        try await expect("SERVER") {
            ada.conferenceGetStatus(conferenceId: "00000000-0000-0000-0000-000000000000", $0.promise)
        }
        try await expect("INVALID_ARGUMENT") { ada.conferenceFetch(conferenceId: "../x", $0.promise) }

        // not in a conference
        try await expect("INVALID_STATE", containing: "not in a conference") {
            ada.conferenceLeave(options: [:], $0.promise)
        }
        try await expect("INVALID_STATE") { ada.conferenceKick(participantId: "someone", $0.promise) }
        try await expect("INVALID_STATE") { ada.conferenceIsMuted($0.promise) }
        try await expect("INVALID_STATE") {
            ada.conferenceUpdatePermissions(participantPermissions: [["participantId": "p", "permissions": ["JOIN"]]], $0.promise)
        }

        // argument types (the module's conversion), rejected before any request
        try await expect("INVALID_ARGUMENT", containing: "options.params.dolbyVoice must be a boolean") {
            ada.conferenceCreate(options: ["params": ["dolbyVoice": "yes"]], $0.promise)
        }
        try await expect("INVALID_ARGUMENT", containing: "options.params.ttl must be a number") {
            ada.conferenceCreate(options: ["params": ["ttl": "60"]], $0.promise)
        }
        try await expect("INVALID_ARGUMENT", containing: "options.params must be an object") {
            ada.conferenceCreate(options: ["params": 1], $0.promise)
        }
        try await expect("INVALID_ARGUMENT", containing: "options.alias must be a string") {
            ada.conferenceCreate(options: ["alias": 7], $0.promise)
        }
        try await expect("INVALID_ARGUMENT", containing: "options.participantType must be a string") {
            ada.conferenceJoin(conferenceId: id, options: ["participantType": 1], $0.promise)
        }
        try await expect("INVALID_ARGUMENT", containing: "options.leaveRoom must be a boolean") {
            ada.conferenceLeave(options: ["leaveRoom": "yes"], $0.promise)
        }
        for bad: Any in [["permissions": ["JOIN"]], ["participantId": "p", "permissions": [1]], ["participantId": "p"], "p"] {
            try await expect("INVALID_ARGUMENT", containing: "participantPermissions[0]") {
                ada.conferenceUpdatePermissions(participantPermissions: [bad], $0.promise)
            }
        }
        // argument values (the core's checks, passed through)
        try await expect("INVALID_ARGUMENT", containing: "participant type") {
            ada.conferenceJoin(conferenceId: id, options: ["participantType": "user"], $0.promise)
        }
        for ttl in [-1.0, 1.5] {
            try await expect("INVALID_ARGUMENT", containing: "ttl") {
                ada.conferenceCreate(options: ["params": ["ttl": ttl]], $0.promise)
            }
        }
        try await expect("INVALID_ARGUMENT", containing: "SEND_SMOKE") {
            ada.conferenceUpdatePermissions(participantPermissions: [["participantId": "p", "permissions": ["SEND_SMOKE"]]], $0.promise)
        }

        // in a conference: unknown participant, empty permission list
        _ = try await object { ada.conferenceJoin(conferenceId: id, options: nil, $0.promise) }
        try await expect("INVALID_ARGUMENT") {
            ada.conferenceGetParticipant(participantId: "nobody", $0.promise)
        }
        try await expect("SERVER", containing: "404") {
            ada.conferenceKick(participantId: "unknown-participant", $0.promise)
        }
        try await expect("INVALID_ARGUMENT") {
            ada.conferenceUpdatePermissions(participantPermissions: [], $0.promise)
        }
        _ = try await value { ada.conferenceLeave(options: nil, $0.promise) }
    }
}
