package io.dolby.iapi.core

import io.dolby.iapi.testsupport.EmulatorExtension
import io.dolby.iapi.testsupport.KEY
import io.dolby.iapi.testsupport.SECRET
import kotlinx.coroutines.delay
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import java.util.concurrent.CopyOnWriteArrayList

/**
 * The conference service and its events through the Kotlin bindings: two SDK instances against
 * one emulator, each with a Kotlin [ConferenceEventListener] (the foreign trait the core calls on
 * its own threads), and the error codes of bad conference input.
 */
class ConferenceEventsTest {
    companion object {
        @JvmField @RegisterExtension
        val emu = EmulatorExtension()

        const val UNKNOWN = "00000000-0000-0000-0000-000000000000"
    }

    /** Collects every event; the core calls it from its own threads, so the list is thread safe. */
    class Events : ConferenceEventListener {
        val all = CopyOnWriteArrayList<ConferenceEvent>()

        override fun onConferenceEvent(event: ConferenceEvent) {
            all.add(event)
        }

        /** Waits (up to [timeoutMs]) for an event matching [pred] and returns it. */
        suspend fun await(what: String, timeoutMs: Long = 5_000, pred: (ConferenceEvent) -> Boolean): ConferenceEvent {
            val deadline = System.nanoTime() + timeoutMs * 1_000_000
            while (true) {
                all.firstOrNull(pred)?.let { return it }
                if (System.nanoTime() > deadline) throw AssertionError("no $what event; got $all")
                delay(10)
            }
        }
    }

    /** One SDK instance, initialized, with its listener subscribed and a session open. */
    class Member(val sdk: DolbyIoIapi, val id: String, val events: Events, val subscription: Subscription) {
        val conference: ConferenceClient get() = sdk.conference()
    }

    private val members = mutableListOf<Member>()

    private suspend fun member(name: String): Member {
        val sdk = sdk(emu)
        val events = Events()
        val subscription = sdk.conference().subscribe(events)
        assertTrue(sdk.initialize(KEY, SECRET))
        val id = sdk.session().open(ParticipantInfo(name = name)).id
        return Member(sdk, id, events, subscription).also { members += it }
    }

    /** Closes every session (which also closes its event socket), so the next test starts at zero sockets. */
    @AfterEach
    fun tearDown() {
        test {
            for (m in members) {
                runCatching { if (m.sdk.session().isOpen()) m.sdk.session().closeSession() }
                m.subscription.close()
                m.sdk.close()
            }
        }
        members.clear()
        emu.awaitSockets(0)
    }

    private fun added(id: String): (ConferenceEvent) -> Boolean =
        { it is ConferenceEvent.ParticipantAdded && it.participant.id == id }

    @Test
    fun `two SDKs see join, mute, permissions and kick as events, also after a socket drop`() = test(40_000) {
        val ada = member("Ada")
        val bob = member("Bob")
        emu.awaitSockets(2) // both sessions' sockets are up before anything happens

        val created = ada.conference.create(ConferenceCreateOptions(alias = "kotlin-events"))
        assertTrue(created.isNew)
        assertEquals(ConferenceStatus.CREATED, created.status)
        val again = bob.conference.create(ConferenceCreateOptions(alias = "kotlin-events"))
        assertEquals(created.id to false, again.id to again.isNew, "same alias, same conference")

        assertEquals(ConferenceStatus.JOINED, ada.conference.join(created.id, null).status)
        bob.conference.join(created.id, null)
        val seen = ada.events.await("Bob added", pred = added(bob.id)) as ConferenceEvent.ParticipantAdded
        assertEquals(created.id, seen.conferenceId)
        assertEquals("Bob", seen.participant.info.name)
        assertEquals(ParticipantStatus.CONNECTED, seen.participant.status)
        ada.events.await("status JOINED") {
            it is ConferenceEvent.StatusChanged && it.conferenceId == created.id && it.status == ConferenceStatus.JOINED
        }

        assertTrue(ada.conference.mute(bob.id, true))
        bob.events.await("Bob muted") {
            it is ConferenceEvent.ParticipantUpdated && it.conferenceId == created.id &&
                it.participant.id == bob.id && it.participant.isMuted
        }
        assertTrue(bob.conference.isMuted())

        val perms = listOf(ConferencePermission.JOIN, ConferencePermission.SEND_AUDIO)
        ada.conference.updatePermissions(listOf(ParticipantPermissions(bob.id, perms)))
        val updated = bob.events.await("permissions") {
            it is ConferenceEvent.PermissionsUpdated && it.participantId == bob.id
        } as ConferenceEvent.PermissionsUpdated
        assertEquals(created.id, updated.conferenceId)
        assertEquals(perms, updated.permissions)

        ada.conference.kick(bob.id)
        bob.events.await("Bob kicked") {
            it is ConferenceEvent.ParticipantUpdated && it.participant.id == bob.id &&
                it.participant.status == ParticipantStatus.KICKED
        }
        ada.events.await("Bob kicked, seen by Ada") {
            it is ConferenceEvent.ParticipantUpdated && it.participant.id == bob.id &&
                it.participant.status == ParticipantStatus.KICKED
        }
        assertNull(bob.conference.current(), "a kicked participant is in no conference")

        // Drop both sockets with no close frame: the sessions reconnect on their own, and Bob's
        // join of a new conference reaches Ada.
        assertEquals(2, emu.dropSockets())
        emu.awaitSockets(2)
        val next = ada.conference.create(null)
        assertTrue(next.isNew)
        assertNotEquals(created.id, next.id)
        ada.conference.join(next.id, null)
        bob.conference.join(next.id, null)
        val after = ada.events.await("Bob added after the drop") {
            it is ConferenceEvent.ParticipantAdded && it.conferenceId == next.id && it.participant.id == bob.id
        } as ConferenceEvent.ParticipantAdded
        assertFalse(after.participant.isMuted, "a new conference starts unmuted")
        ada.conference.mute(bob.id, true)
        bob.events.await("Bob muted after the drop") {
            it is ConferenceEvent.ParticipantUpdated && it.conferenceId == next.id &&
                it.participant.id == bob.id && it.participant.isMuted
        }
        assertEquals(next.id, bob.conference.current()?.id)

        bob.conference.leave()
        ada.events.await("Bob removed") {
            it is ConferenceEvent.ParticipantRemoved && it.conferenceId == next.id &&
                it.participant.id == bob.id && it.participant.status == ParticipantStatus.LEFT
        }
    }

    @Test
    fun `bad conference input gives clear codes`() = test {
        val ada = member("Ada")
        val unknown = expectIapi<IapiException.Server>("SERVER") { ada.conference.fetch(UNKNOWN) }
        assertEquals(404, unknown.status.toInt())
        assertEquals(3, unknown.code)
        expectIapi<IapiException.Server>("SERVER") { ada.conference.status(UNKNOWN) }
        expectIapi<IapiException.InvalidArgument>("INVALID_ARGUMENT") { ada.conference.fetch("../x") }
        expectIapi<IapiException.InvalidState>("INVALID_STATE") { ada.conference.leave() }
        expectIapi<IapiException.InvalidState>("INVALID_STATE") { ada.conference.kick("someone") }

        val conf = ada.conference.create(null)
        ada.conference.join(conf.id, null)
        val kick = expectIapi<IapiException.Server>("SERVER") { ada.conference.kick("unknown-participant") }
        assertEquals(404, kick.status.toInt())
        expectIapi<IapiException.InvalidArgument>("INVALID_ARGUMENT") { ada.conference.participant("nobody") }
        expectIapi<IapiException.InvalidArgument>("INVALID_ARGUMENT") { ada.conference.updatePermissions(emptyList()) }
        ada.conference.leave()
        assertNull(ada.conference.current())
    }
}
