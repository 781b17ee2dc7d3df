package io.dolby.iapi.reactnative

import io.dolby.iapi.core.IapiConfig
import io.dolby.iapi.testsupport.EmulatorExtension
import io.dolby.iapi.testsupport.KEY
import io.dolby.iapi.testsupport.SECRET
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension

/** The conference methods through the module core: two modules (two apps) against one emulator. */
class ConferenceTest {
    companion object {
        @JvmField
        @RegisterExtension
        val emulator = EmulatorExtension()

        const val UNKNOWN = "00000000-0000-4000-8000-000000000000"
        val CONFERENCE_KEYS = setOf("id", "alias", "isNew", "participants", "status")
        val PARTICIPANT_KEYS = setOf("id", "info", "status", "type")
    }

    // JS subscribes to the conference events before calling sessionOpen (they are emitted from
    // then on; ConferenceEventsTest checks them).
    private val js = FakeJs().apply { subscribed = true }
    private val modules = mutableListOf<DolbyIoIAPIModuleCore>()

    private fun module(config: IapiConfig = emulator.config()) =
        DolbyIoIAPIModuleCore(config, js).also { modules += it }

    @AfterEach
    fun tearDown() {
        modules.forEach { it.invalidate() }
        assertEquals(0, js.earlyEmits.get(), "an event was emitted before JS subscribed")
    }

    private fun rejection(call: (ModulePromise) -> Unit): Rejection {
        val p = TestPromise()
        call(p)
        return p.awaitRejection()
    }

    /** A module initialized with key and secret and a session open as [name]; returns it and its participant id. */
    private fun signedIn(name: String): Pair<DolbyIoIAPIModuleCore, String> {
        val module = module()
        assertEquals(true, settle<Boolean> { module.initialize(KEY, SECRET, it) })
        val me = settle<Map<String, Any?>> { module.sessionOpen(mapOf("name" to name), it) }
        return module to (me["id"] as String)
    }

    @Suppress("UNCHECKED_CAST")
    private fun participants(conference: Map<String, Any?>) = conference["participants"] as List<Map<String, Any?>>

    @Test
    fun `two participants create, join, mute, set permissions, kick and leave`() {
        val (ada, adaId) = signedIn("Ada")
        val (bob, bobId) = signedIn("Bob")
        assertNull(settle<Any?> { ada.conferenceCurrent(it) }, "in no conference yet")

        val options = mapOf(
            "alias" to "standup",
            "params" to mapOf("dolbyVoice" to true, "ttl" to 60.0, "videoCodec" to "H264"),
        )
        val created = settle<Map<String, Any?>> { ada.conferenceCreate(options, it) }
        assertEquals(CONFERENCE_KEYS, created.keys)
        assertEquals("standup", created["alias"])
        assertEquals(true, created["isNew"])
        assertEquals("CREATED", created["status"])
        assertEquals(emptyList<Any?>(), created["participants"])
        val id = created["id"] as String

        val again = settle<Map<String, Any?>> { bob.conferenceCreate(mapOf("alias" to "standup"), it) }
        assertEquals(id to false, again["id"] to again["isNew"], "same alias, same conference")
        // No alias: a new conference whose alias key is absent, never null.
        val anonymous = settle<Map<String, Any?>> { bob.conferenceCreate(null, it) }
        assertEquals(CONFERENCE_KEYS - "alias", anonymous.keys)

        val joined = settle<Map<String, Any?>> { ada.conferenceJoin(id, null, it) }
        assertEquals("JOINED", joined["status"])
        assertEquals(
            mapOf("id" to adaId, "info" to mapOf("name" to "Ada"), "status" to "CONNECTED", "type" to "USER"),
            participants(joined).single(),
        )
        settle<Map<String, Any?>> { bob.conferenceJoin(id, mapOf("participantType" to "LISTENER"), it) }
        assertEquals(id, settle<Map<String, Any?>> { ada.conferenceCurrent(it) }["id"])
        assertEquals(id, settle<Map<String, Any?>> { bob.conferenceCurrent(it) }["id"])

        val people = settle<List<Map<String, Any?>>> { ada.conferenceGetParticipants(id, it) }
        assertEquals(setOf(adaId, bobId), people.map { it["id"] }.toSet())
        people.forEach { assertEquals(PARTICIPANT_KEYS, it.keys) }
        val adaSeen = settle<Map<String, Any?>> { bob.conferenceGetParticipant(adaId, it) }
        assertEquals("CONNECTED" to "USER", adaSeen["status"] to adaSeen["type"])
        val bobSeen = settle<Map<String, Any?>> { ada.conferenceGetParticipant(bobId, it) }
        assertEquals("CONNECTED" to "LISTENER", bobSeen["status"] to bobSeen["type"])
        assertEquals(mapOf("name" to "Bob"), bobSeen["info"])
        assertEquals("JOINED", settle<String> { bob.conferenceGetStatus(id, it) })

        assertEquals(true, settle<Boolean> { ada.conferenceMute(bobId, true, it) })
        assertEquals(true, settle<Boolean> { bob.conferenceIsMuted(it) })
        assertEquals(false, settle<Boolean> { ada.conferenceIsMuted(it) })
        assertEquals(false, settle<Boolean> { bob.conferenceMute(bobId, false, it) })
        assertEquals(false, settle<Boolean> { bob.conferenceIsMuted(it) })

        val grants = listOf(mapOf("participantId" to bobId, "permissions" to listOf("JOIN", "SEND_AUDIO")))
        assertNull(settle<Any?> { ada.conferenceUpdatePermissions(grants, it) })
        val unknownPermission = listOf(mapOf("participantId" to bobId, "permissions" to listOf("JOIN", "FLY")))
        assertEquals("INVALID_ARGUMENT", rejection { ada.conferenceUpdatePermissions(unknownPermission, it) }.code)
        assertEquals("INVALID_ARGUMENT", rejection { ada.conferenceUpdatePermissions(emptyList(), it) }.code)

        // Bob leaves (the session stays open), comes back, and is kicked.
        assertNull(settle<Any?> { bob.conferenceLeave(mapOf("leaveRoom" to false), it) })
        assertNull(settle<Any?> { bob.conferenceCurrent(it) })
        assertEquals(true, settle<Boolean> { bob.sessionIsOpen(it) })
        assertEquals("LEFT", settle<Map<String, Any?>> { ada.conferenceGetParticipant(bobId, it) }["status"])
        settle<Map<String, Any?>> { bob.conferenceJoin(id, null, it) }
        assertNull(settle<Any?> { ada.conferenceKick(bobId, it) })
        assertEquals("KICKED", settle<Map<String, Any?>> { ada.conferenceGetParticipant(bobId, it) }["status"])
        assertEquals("JOINED", settle<String> { ada.conferenceGetStatus(id, it) }, "Ada is still connected")

        // Ada leaves the room: the conference and the session both end.
        assertNull(settle<Any?> { ada.conferenceLeave(mapOf("leaveRoom" to true), it) })
        assertNull(settle<Any?> { ada.conferenceCurrent(it) })
        assertEquals(false, settle<Boolean> { ada.sessionIsOpen(it) })
        assertEquals("ENDED", settle<String> { bob.conferenceGetStatus(id, it) }, "nobody is connected any more")
        val ended = settle<Map<String, Any?>> { bob.conferenceFetch(id, it) }
        assertEquals("LEFT", participants(ended).single { it["id"] == adaId }["status"])
    }

    @Test
    fun `bad input reaches JS with the shared codes`() {
        val fresh = module()
        assertEquals("NOT_INITIALIZED", rejection { fresh.conferenceCreate(null, it) }.code)

        val (ada, _) = signedIn("Ada")
        assertEquals("SERVER", rejection { ada.conferenceFetch(UNKNOWN, it) }.code)
        assertEquals("SERVER", rejection { ada.conferenceGetStatus(UNKNOWN, it) }.code)
        assertEquals("SERVER", rejection { ada.conferenceJoin(UNKNOWN, null, it) }.code)
        assertNull(settle<Any?> { ada.conferenceCurrent(it) }, "a failed join joins nothing")
        assertEquals("INVALID_ARGUMENT", rejection { ada.conferenceFetch("../x", it) }.code)

        // Calls that need a current conference.
        rejection { ada.conferenceLeave(null, it) }.let {
            assertEquals("INVALID_STATE", it.code)
            assertTrue(it.message.startsWith("invalid state: "), it.message)
        }
        assertEquals("INVALID_STATE", rejection { ada.conferenceLeave(mapOf("leaveRoom" to true), it) }.code)
        assertEquals(true, settle<Boolean> { ada.sessionIsOpen(it) }, "a failed leave closes nothing")
        assertEquals("INVALID_STATE", rejection { ada.conferenceIsMuted(it) }.code)
        assertEquals("INVALID_STATE", rejection { ada.conferenceKick("p", it) }.code)
        assertEquals("INVALID_STATE", rejection { ada.conferenceMute("p", true, it) }.code)
        assertEquals("INVALID_STATE", rejection { ada.conferenceGetParticipant("p", it) }.code)
        val grants = listOf(mapOf("participantId" to "p", "permissions" to listOf("JOIN")))
        assertEquals("INVALID_STATE", rejection { ada.conferenceUpdatePermissions(grants, it) }.code)

        // Join needs an open session.
        val id = settle<Map<String, Any?>> { ada.conferenceCreate(null, it) }["id"] as String
        val noSession = module()
        settle<Boolean> { noSession.initialize(KEY, SECRET, it) }
        assertEquals("INVALID_STATE", rejection { noSession.conferenceJoin(id, null, it) }.code)

        // Malformed arguments: INVALID_ARGUMENT before any request.
        val badArguments = listOf<(ModulePromise) -> Unit>(
            { ada.conferenceJoin(id, mapOf("participantType" to "user"), it) },
            { ada.conferenceJoin(id, mapOf("participantType" to 1.0), it) },
            { ada.conferenceCreate(mapOf("alias" to 42.0), it) },
            { ada.conferenceCreate(mapOf("params" to mapOf("ttl" to -1.0)), it) },
            { ada.conferenceCreate(mapOf("params" to mapOf("ttl" to 1.5)), it) },
            { ada.conferenceCreate(mapOf("params" to "x"), it) },
            { ada.conferenceLeave(mapOf("leaveRoom" to "yes"), it) },
            { ada.conferenceUpdatePermissions(listOf(mapOf("participantId" to "p", "permissions" to listOf("FLY"))), it) },
            { ada.conferenceUpdatePermissions(listOf(mapOf("permissions" to listOf("JOIN"))), it) },
            { ada.conferenceUpdatePermissions(listOf("JOIN"), it) },
        )
        for (call in badArguments) {
            val r = rejection(call)
            assertEquals("INVALID_ARGUMENT", r.code, r.message)
            assertTrue(r.message.startsWith("invalid argument: "), r.message)
        }
        assertNull(settle<Any?> { ada.conferenceCurrent(it) })
        js.assertNoEvent()
    }
}
