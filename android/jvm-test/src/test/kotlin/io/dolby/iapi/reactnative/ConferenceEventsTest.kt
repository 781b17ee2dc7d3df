package io.dolby.iapi.reactnative

import io.dolby.iapi.testsupport.EmulatorExtension
import io.dolby.iapi.testsupport.KEY
import io.dolby.iapi.testsupport.SECRET
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration

/**
 * The conference events (onParticipantsChange, onConferenceStatusChange, onPermissionsChange)
 * through the module core: three modules (each with its own JS) against one emulator, the
 * events coming over each session's WebSocket.
 */
class ConferenceEventsTest {
    companion object {
        @JvmField
        @RegisterExtension
        val emulator = EmulatorExtension()

        val PARTICIPANT_KEYS = setOf("id", "info", "status", "type")
        private val http: HttpClient = HttpClient.newHttpClient()
    }

    private val modules = mutableListOf<Pair<DolbyIoIAPIModuleCore, FakeJs>>()

    @AfterEach
    fun tearDown() {
        modules.forEach { (module, js) ->
            module.invalidate()
            assertEquals(0, js.earlyEmits.get(), "an event was emitted before JS subscribed")
        }
    }

    private class Member(val module: DolbyIoIAPIModuleCore, val js: FakeJs, val id: String)

    /** JS subscribes, initializes with key and secret and opens a session as [name]. */
    private fun member(name: String): Member {
        val js = FakeJs().apply { subscribed = true }
        val module = DolbyIoIAPIModuleCore(emulator.config(), js)
        modules += module to js
        assertEquals(true, settle<Boolean> { module.initialize(KEY, SECRET, it) })
        val me = settle<Map<String, Any?>> { module.sessionOpen(mapOf("name" to name), it) }
        return Member(module, js, me["id"] as String)
    }

    /** Event WebSockets open on the emulator now (`GET /_control/ws`). */
    private fun openSockets(): Int {
        val request = HttpRequest.newBuilder(URI.create(emulator.baseUrl + "/_control/ws"))
            .timeout(Duration.ofSeconds(5)).GET().build()
        val body = http.send(request, HttpResponse.BodyHandlers.ofString()).body()
        return Regex("\"open\"\\s*:\\s*(\\d+)").find(body)?.groupValues?.get(1)?.toInt()
            ?: error("no open count in $body")
    }

    private fun FakeJs.participantChange(what: String, id: String, change: String, status: String? = null) =
        waitFor(PARTICIPANTS_CHANGE, what) {
            it.participant["id"] == id && it.change == change && (status == null || it.participant["status"] == status)
        }

    @Test
    fun `join, mute, own permissions, kick and status reach JS as the spec's events`() {
        val ada = member("Ada")
        val bob = member("Bob")
        val cy = member("Cy")
        eventually(10_000, "three event WebSockets") { openSockets() == 3 }

        val id = settle<Map<String, Any?>> { ada.module.conferenceCreate(null, it) }["id"] as String
        settle<Map<String, Any?>> { ada.module.conferenceJoin(id, null, it) }
        // The first join: the joiner is ADDED, then the conference is JOINED.
        ada.js.participantChange("Ada added", ada.id, "ADDED")
        val status = ada.js.waitFor(STATUS_CHANGE, "status JOINED")
        assertEquals(ModuleEvent("onConferenceStatusChange", mapOf("conferenceId" to id, "status" to "JOINED")), status)

        // Bob's join reaches Ada as ADDED, the participant in the REST results' shape.
        settle<Map<String, Any?>> { bob.module.conferenceJoin(id, null, it) }
        val bobAdded = ada.js.participantChange("Bob added", bob.id, "ADDED")
        assertEquals("onParticipantsChange", bobAdded.name)
        assertEquals(setOf("conferenceId", "participant", "event"), bobAdded.payload.keys)
        assertEquals(id, bobAdded.payload["conferenceId"])
        assertEquals("ADDED", bobAdded.payload["event"])
        assertEquals(PARTICIPANT_KEYS, bobAdded.participant.keys)
        assertEquals(
            mapOf("id" to bob.id, "info" to mapOf("name" to "Bob"), "status" to "CONNECTED", "type" to "USER"),
            bobAdded.participant,
        )
        settle<Map<String, Any?>> { cy.module.conferenceJoin(id, mapOf("participantType" to "LISTENER"), it) }
        assertEquals("LISTENER", ada.js.participantChange("Cy added", cy.id, "ADDED").participant["type"])

        // Mute: UPDATED, on the muter's and the muted one's side.
        assertEquals(true, settle<Boolean> { ada.module.conferenceMute(bob.id, true, it) })
        ada.js.participantChange("Bob muted (Ada)", bob.id, "UPDATED")
        bob.js.participantChange("Bob muted (Bob)", bob.id, "UPDATED")

        // Permissions: each module emits only its own participant's.
        val grants = listOf(
            mapOf("participantId" to ada.id, "permissions" to listOf("KICK", "JOIN")),
            mapOf("participantId" to bob.id, "permissions" to listOf("JOIN", "SEND_AUDIO")),
        )
        settle<Any?> { ada.module.conferenceUpdatePermissions(grants, it) }
        val bobPermissions = bob.js.waitFor(PERMISSIONS_CHANGE, "Bob's permissions")
        assertEquals("onPermissionsChange", bobPermissions.name)
        assertEquals(setOf("conferenceId", "permissions"), bobPermissions.payload.keys)
        assertEquals(id, bobPermissions.conferenceId)
        assertEquals(setOf("JOIN", "SEND_AUDIO"), bobPermissions.permissions.toSet())
        val adaPermissions = ada.js.waitFor(PERMISSIONS_CHANGE, "Ada's permissions")
        assertEquals(setOf("JOIN", "KICK"), adaPermissions.permissions.toSet())

        // Kick: the kicked module sees itself UPDATED with status KICKED.
        settle<Any?> { ada.module.conferenceKick(bob.id, it) }
        bob.js.participantChange("Bob kicked (Bob)", bob.id, "UPDATED", status = "KICKED")
        ada.js.participantChange("Bob kicked (Ada)", bob.id, "UPDATED", status = "KICKED")
        cy.js.participantChange("Bob kicked (Cy)", bob.id, "UPDATED", status = "KICKED")
        // The kick came after both permission entries: by now every module has seen them, and
        // each emitted its own only (Cy none).
        assertEquals(listOf(adaPermissions), ada.js.seen(PERMISSIONS_CHANGE))
        assertEquals(listOf(bobPermissions), bob.js.seen(PERMISSIONS_CHANGE))
        assertEquals(emptyList<Any>(), cy.js.seen(PERMISSIONS_CHANGE))
        assertTrue(bob.js.seen(STATUS_CHANGE).isEmpty(), "JOINED came before Bob joined")

        // After invalidate(), Ada's module emits nothing (the host was shut down), while Ada is
        // still CONNECTED and Cy's changes keep flowing.
        ada.module.invalidate()
        // Closing the core ends Ada's WebSocket too (Bob's and Cy's stay open).
        eventually(10_000, "Ada's WebSocket closed") { openSockets() == 2 }
        val before = ada.js.seen.size
        settle<Boolean> { cy.module.conferenceMute(cy.id, true, it) }
        cy.js.participantChange("Cy muted", cy.id, "UPDATED")
        settle<Any?> {
            cy.module.conferenceUpdatePermissions(listOf(mapOf("participantId" to ada.id, "permissions" to listOf("JOIN"))), it)
        }
        settle<Boolean> { cy.module.conferenceMute(cy.id, false, it) }
        eventually(10_000, "Cy unmuted") {
            cy.js.seen(PARTICIPANTS_CHANGE).count { it.participant["id"] == cy.id && it.change == "UPDATED" } == 2
        }
        Thread.sleep(200)
        assertEquals(before, ada.js.seen.size, "an event after invalidate: ${ada.js.seen.drop(before)}")
    }

    @Test
    fun `no conference event before sessionOpen, and leaving is REMOVED`() {
        val ada = member("Ada")
        // Bob's module: initialized, no session yet, so no event either.
        val bobJs = FakeJs().apply { subscribed = true }
        val bob = DolbyIoIAPIModuleCore(emulator.config(), bobJs)
        modules += bob to bobJs
        settle<Boolean> { bob.initialize(KEY, SECRET, it) }
        eventually(10_000, "Ada's WebSocket") { openSockets() == 1 }

        val id = settle<Map<String, Any?>> { ada.module.conferenceCreate(null, it) }["id"] as String
        settle<Map<String, Any?>> { ada.module.conferenceJoin(id, null, it) }
        ada.js.waitFor(STATUS_CHANGE, "JOINED")
        assertEquals(emptyList<Any>(), bobJs.seen)

        val bobId = settle<Map<String, Any?>> { bob.sessionOpen(mapOf("name" to "Bob"), it) }["id"] as String
        eventually(10_000, "both WebSockets") { openSockets() == 2 }
        settle<Map<String, Any?>> { bob.conferenceJoin(id, null, it) }
        bobJs.participantChange("Bob added (Bob)", bobId, "ADDED")
        settle<Any?> { bob.conferenceLeave(null, it) }
        val removed = ada.js.participantChange("Bob removed", bobId, "REMOVED")
        assertEquals("LEFT", removed.participant["status"])
        bobJs.participantChange("Bob removed (Bob)", bobId, "REMOVED")
    }
}
