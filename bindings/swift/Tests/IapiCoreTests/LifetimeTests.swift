// The host's lifetime: shutdown cancels what runs and refuses what comes, no event reaches the
// Swift events object after shutdown returns, and the events object (a foreign trait object
// uniffi keeps in a handle map until Rust drops its last Arc) is released with its host.
import Foundation
import IapiCore
import XCTest

final class LifetimeTests: EmulatorTestCase {
    func testShutdownCancelsTheRunningCallAndRequestAndEveryLaterCall() async throws {
        let events = RecordingEvents()
        let host = makeHost(events)
        host.resume() // before any call: nothing to re-evaluate
        try await host.setLogLevel(level: "TRACE", platformLog: true)
        let initialized = Task { try await host.initializeToken(accessToken: nil) }
        let request = try await events.waitForRequest(1).request

        host.shutdown(reason: "the module was invalidated")
        let seen = events.events.get().count
        let error = await assertIapiError("CANCELLED") { try await initialized.value }
        XCTAssertTrue(error?.reason.contains("invalidated") ?? false, "\(String(describing: error))")
        // The request is gone: its answer is ignored.
        host.resolveAccessTokenRequest(requestId: request.requestId, accessToken: try await Emulator.mint())

        // Every later call is CANCELLED, whatever its arguments.
        await assertIapiError("CANCELLED") { try await host.sessionIsOpen() }
        await assertIapiError("CANCELLED") { try await host.initialize(consumerKey: appKey, consumerSecret: appSecret) }
        await assertIapiError("CANCELLED") { try await host.getTokenState() }
        await assertIapiError("CANCELLED") { try await host.setLogLevel(level: "DEBUG", platformLog: false) }
        await assertIapiError("CANCELLED") { try await host.setLogLevel(level: "no such level", platformLog: false) }
        await assertIapiError("CANCELLED") {
            try await host.conferenceUpdatePermissions(participantPermissions: [
                NativeParticipantPermissions(participantId: "p", permissions: ["FLY"]),
            ])
        }
        host.shutdown(reason: "again") // idempotent
        host.resume() // after shutdown: nothing

        // Nothing was emitted after shutdown returned (the calls above log at TRACE otherwise).
        try await Task.sleep(nanoseconds: 300_000_000)
        XCTAssertEqual(events.events.get().count, seen, "emitted after shutdown: \(events.events.get().dropFirst(seen))")
    }

    func testNoEventAfterShutdownAndTheSessionSocketCloses() async throws {
        _ = try await eventually { try await Emulator.openSockets() == 0 }
        let base = try await Emulator.openSockets()
        let adaEvents = RecordingEvents()
        let ada = try await initializedHost(adaEvents)
        let bobEvents = RecordingEvents()
        let bob = try await initializedHost(bobEvents)
        try await bob.setLogLevel(level: "TRACE", platformLog: true)
        _ = try await ada.sessionOpen(info: ParticipantInfo(name: "Ada", externalId: nil, avatarUrl: nil))
        let bobMe = try await bob.sessionOpen(info: ParticipantInfo(name: "Bob", externalId: nil, avatarUrl: nil))
        try await Emulator.awaitSockets(base + 2)
        let conf = try await ada.conferenceCreate(options: nil)
        _ = try await ada.conferenceJoin(conferenceId: conf.id, options: nil)
        _ = try await bob.conferenceJoin(conferenceId: conf.id, options: nil)
        try await adaEvents.waitForParticipants("Bob added") { $0.event == "ADDED" && $0.participant.id == bobMe.id }

        bob.shutdown(reason: "gone")
        let seen = bobEvents.events.get().count
        // The SDK is released: Bob's event socket closes.
        try await Emulator.awaitSockets(base + 1)
        // What Bob's module would have heard about: Cy joining (Ada hears it).
        let cy = try await initializedHost()
        let cyMe = try await cy.sessionOpen(info: ParticipantInfo(name: "Cy", externalId: nil, avatarUrl: nil))
        _ = try await cy.conferenceJoin(conferenceId: conf.id, options: nil)
        try await adaEvents.waitForParticipants("Cy added") { $0.event == "ADDED" && $0.participant.id == cyMe.id }
        try await Task.sleep(nanoseconds: 300_000_000)
        XCTAssertEqual(bobEvents.events.get().count, seen,
                       "emitted after shutdown: \(bobEvents.events.get().dropFirst(seen))")
    }

    func testEventsAreReleasedWithTheirHostsWithOrWithoutShutdown() async throws {
        _ = try await eventually { try await Emulator.openSockets() == 0 }
        let base = try await Emulator.openSockets()
        let counter = LiveCounter()
        let token = try await Emulator.mint(ttlSecs: 600)
        for i in 0..<100 {
            // A function call per iteration, so the host and events references end with it.
            try await useHostOnce(token: i % 4 == 0 ? nil : token, shutdown: i % 2 == 0, counter: counter)
        }
        XCTAssertEqual(counter.created.get(), 100)
        let released = await eventually(timeout: 10) { counter.live == 0 }
        XCTAssertTrue(released, "events objects still alive: \(counter.live) of 100")
        // Hosts released with a session open closed their sockets too.
        let closed = try await eventually(timeout: 10) { try await Emulator.openSockets() == base }
        let open = try await Emulator.openSockets()
        XCTAssertTrue(closed, "event sockets left open: \(open - base)")
    }

    /// A host (not kept by the test case) used for a token and a session: left open unless `shutdown`.
    private func useHostOnce(token: String?, shutdown: Bool, counter: LiveCounter) async throws {
        let events = RecordingEvents(counter: counter)
        let host = NativeModuleHost(config: emulatorConfig(), events: events)
        events.answerWithMintedTokens(host)
        let ok = try await host.initializeToken(accessToken: token)
        XCTAssertTrue(ok)
        _ = try await host.sessionOpen(info: nil)
        if shutdown {
            try await host.sessionClose()
            host.shutdown(reason: "done")
        }
    }
}
