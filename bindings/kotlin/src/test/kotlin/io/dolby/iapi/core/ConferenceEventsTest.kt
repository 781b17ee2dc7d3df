package io.dolby.iapi.core

import io.dolby.iapi.testsupport.EmulatorExtension
import io.dolby.iapi.testsupport.KEY
import io.dolby.iapi.testsupport.SECRET
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension

/**
 * The conference methods and their events through the Kotlin bindings: two hosts against one
 * emulator, each with a Kotlin [Recorder] (the foreign trait the core calls on its own
 * threads), and the error codes of bad conference input.
 */
class ConferenceEventsTest {
    companion object {
        @JvmField @RegisterExtension
        val emu = EmulatorExtension()

        const val UNKNOWN = "00000000-0000-0000-0000-000000000000"
    }

    /** One host, initialized, with a session open. */
    class Member(val host: NativeModuleHost, val id: String, val events: Recorder)

    private val hosts = Hosts(emu)

    private suspend fun member(name: String): Member {
        val events = Recorder()
        val host = hosts.new(events)
        assertTrue(host.initialize(KEY, SECRET))
        return Member(host, host.sessionOpen(ParticipantInfo(name = name)).id, events)
    }

    /** Shuts every host down (which also closes its event socket), so the next test starts at zero sockets. */
    @AfterEach
    fun tearDown() {
        hosts.close()
        emu.awaitSockets(0)
    }

    private fun Recorder.updates(conferenceId: String, participantId: String) =
        participants.count { it.conferenceId == conferenceId && it.participant.id == participantId && it.event == "UPDATED" }

    @Test
    fun `two hosts see join, mute, permissions and kick as events, also after a socket drop`() = test(40_000) {
        val ada = member("Ada")
        val bob = member("Bob")
        emu.awaitSockets(2) // both sessions' sockets are up before anything happens

        val created = ada.host.conferenceCreate(NativeConferenceCreateOptions(alias = "kotlin-events"))
        assertTrue(created.isNew)
        assertEquals("CREATED", created.status)
        assertEquals("kotlin-events", created.alias)
        val again = bob.host.conferenceCreate(NativeConferenceCreateOptions(alias = "kotlin-events"))
        assertEquals(created.id to false, again.id to again.isNew, "same alias, same conference")

        assertEquals("JOINED", ada.host.conferenceJoin(created.id, null).status)
        bob.host.conferenceJoin(created.id, null)
        val seen = ada.events.awaitParticipant("Bob added") { it.event == "ADDED" && it.participant.id == bob.id }
        assertEquals(created.id, seen.conferenceId)
        assertEquals("Bob", seen.participant.info.name)
        assertEquals("CONNECTED", seen.participant.status)
        until("status JOINED") { ada.events.statuses.contains(NativeConferenceStatusChange(created.id, "JOINED")) }
        assertEquals(setOf(ada.id, bob.id), ada.host.conferenceGetParticipants(created.id).map { it.id }.toSet())
        assertEquals("Bob", ada.host.conferenceGetParticipant(bob.id).info.name)

        val bobUpdates = bob.events.updates(created.id, bob.id)
        assertTrue(ada.host.conferenceMute(bob.id, true))
        until("Bob's update for his mute") { bob.events.updates(created.id, bob.id) > bobUpdates }
        assertTrue(bob.host.conferenceIsMuted())

        ada.host.conferenceUpdatePermissions(listOf(NativeParticipantPermissions(bob.id, listOf("JOIN", "SEND_AUDIO"))))
        until("Bob's permissions") { bob.events.permissions.isNotEmpty() }
        assertEquals(listOf(NativePermissionsChange(created.id, listOf("JOIN", "SEND_AUDIO"))), bob.events.permissions.toList())

        ada.host.conferenceKick(bob.id)
        bob.events.awaitParticipant("Bob kicked") { it.participant.id == bob.id && it.participant.status == "KICKED" }
        ada.events.awaitParticipant("Bob kicked, seen by Ada") { it.participant.id == bob.id && it.participant.status == "KICKED" }
        assertNull(bob.host.conferenceCurrent(), "a kicked participant is in no conference")
        // Only the local participant's permissions are emitted: Ada never heard of Bob's.
        assertEquals(emptyList<NativePermissionsChange>(), ada.events.permissions.toList())

        // Drop both sockets with no close frame: the sessions reconnect on their own (and say
        // so), and Bob's join of a new conference reaches Ada.
        assertEquals(2, emu.dropSockets())
        emu.awaitSockets(2)
        until("Ada reconnected") {
            ada.events.connection.map { it.state }.takeLast(2) == listOf("RECONNECTING", "CONNECTED")
        }
        val next = ada.host.conferenceCreate(null)
        assertTrue(next.isNew)
        assertNotEquals(created.id, next.id)
        ada.host.conferenceJoin(next.id, null)
        bob.host.conferenceJoin(next.id, null)
        ada.events.awaitParticipant("Bob added after the drop") {
            it.event == "ADDED" && it.conferenceId == next.id && it.participant.id == bob.id
        }
        assertFalse(bob.host.conferenceIsMuted(), "a new conference starts unmuted")
        val nextUpdates = bob.events.updates(next.id, bob.id)
        ada.host.conferenceMute(bob.id, true)
        until("Bob's update for his mute after the drop") { bob.events.updates(next.id, bob.id) > nextUpdates }
        assertEquals(next.id, bob.host.conferenceCurrent()?.id)
        assertEquals("JOINED", bob.host.conferenceGetStatus(next.id))

        bob.host.conferenceLeave(false)
        ada.events.awaitParticipant("Bob removed") {
            it.event == "REMOVED" && it.conferenceId == next.id && it.participant.id == bob.id && it.participant.status == "LEFT"
        }
        assertTrue(bob.host.sessionIsOpen(), "leaveRoom false keeps the session")
    }

    @Test
    fun `bad conference input gives clear codes`() = test {
        val ada = member("Ada").host
        val unknown = expectIapi<IapiException.Server>("SERVER") { ada.conferenceFetch(UNKNOWN) }
        assertEquals(404, unknown.status.toInt())
        assertEquals(3, unknown.code)
        expectIapi<IapiException.Server>("SERVER") { ada.conferenceGetStatus(UNKNOWN) }
        expectIapi<IapiException.InvalidArgument>("INVALID_ARGUMENT") { ada.conferenceFetch("../x") }
        expectIapi<IapiException.InvalidState>("INVALID_STATE") { ada.conferenceLeave(false) }
        expectIapi<IapiException.InvalidState>("INVALID_STATE") { ada.conferenceKick("someone") }
        expectIapi<IapiException.InvalidArgument>("INVALID_ARGUMENT") {
            ada.conferenceCreate(NativeConferenceCreateOptions(params = NativeConferenceParameters(ttl = 1.5)))
        }

        val conf = ada.conferenceCreate(null)
        expectIapi<IapiException.InvalidArgument>("INVALID_ARGUMENT") {
            ada.conferenceJoin(conf.id, NativeConferenceJoinOptions(participantType = "SPEAKER"))
        }
        ada.conferenceJoin(conf.id, null)
        val kick = expectIapi<IapiException.Server>("SERVER") { ada.conferenceKick("unknown-participant") }
        assertEquals(404, kick.status.toInt())
        expectIapi<IapiException.InvalidArgument>("INVALID_ARGUMENT") { ada.conferenceGetParticipant("nobody") }
        expectIapi<IapiException.InvalidArgument>("INVALID_ARGUMENT") { ada.conferenceUpdatePermissions(emptyList()) }
        expectIapi<IapiException.InvalidArgument>("INVALID_ARGUMENT") {
            ada.conferenceUpdatePermissions(listOf(NativeParticipantPermissions(UNKNOWN, listOf("FLY"))))
        }
        // leaveRoom: leaving also closes the session.
        ada.conferenceLeave(true)
        assertFalse(ada.sessionIsOpen())
    }
}
