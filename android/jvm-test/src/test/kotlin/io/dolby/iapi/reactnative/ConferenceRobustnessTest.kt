package io.dolby.iapi.reactnative

import io.dolby.iapi.core.ConferenceEvent
import io.dolby.iapi.core.ConferenceEventListener
import io.dolby.iapi.core.DolbyIoIapi
import io.dolby.iapi.core.ParticipantInfo
import io.dolby.iapi.testsupport.EmulatorExtension
import io.dolby.iapi.testsupport.KEY
import io.dolby.iapi.testsupport.SECRET
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicInteger

/**
 * A listener that throws does not stop later conference events: neither the module's event
 * sink (the React emitter throwing) nor a Kotlin ConferenceEventListener subscribed on the core
 * directly (the core catches what the binding turns the exception into). And a conference
 * access token is refused (unsupported) with INVALID_ARGUMENT.
 */
class ConferenceRobustnessTest {
    companion object {
        @JvmField
        @RegisterExtension
        val emulator = EmulatorExtension()
    }

    /** Throws on every other emit of a conference event; records every attempt (states and logs pass unrecorded). */
    private class ThrowingSink : ModuleEventSink {
        val attempts = CopyOnWriteArrayList<ModuleEvent>()
        override fun emit(event: ModuleEvent) {
            if (event.name in STATE_EVENTS) return
            attempts.add(event)
            if (attempts.size % 2 == 1) throw IllegalStateException("a JS handler threw")
        }
    }

    @Test
    fun `a throwing module event sink keeps receiving later events`() {
        val sink = ThrowingSink()
        val ada = DolbyIoIAPIModuleCore(emulator.config(), sink)
        val bobJs = FakeJs().apply { subscribed = true }
        val bob = DolbyIoIAPIModuleCore(emulator.config(), bobJs)
        try {
            assertEquals(true, settle<Boolean> { ada.initialize(KEY, SECRET, it) })
            assertEquals(true, settle<Boolean> { bob.initialize(KEY, SECRET, it) })
            settle<Map<String, Any?>> { ada.sessionOpen(mapOf("name" to "Ada"), it) }
            val bobId = settle<Map<String, Any?>> { bob.sessionOpen(mapOf("name" to "Bob"), it) }["id"] as String
            val id = settle<Map<String, Any?>> { ada.conferenceCreate(null, it) }["id"] as String
            settle<Map<String, Any?>> { ada.conferenceJoin(id, null, it) }
            // Ada ADDED (throws), JOINED: both attempted, the stream goes on.
            eventually(10_000, "JOINED after a throw") {
                sink.attempts.any { it.name == STATUS_CHANGE && it.status == "JOINED" }
            }
            settle<Map<String, Any?>> { bob.conferenceJoin(id, null, it) }
            assertEquals(true, settle<Boolean> { bob.conferenceMute(bobId, true, it) })
            eventually(10_000, "Bob's mute, the fourth event (seen: ${sink.attempts})") {
                sink.attempts.any { it.name == PARTICIPANTS_CHANGE && it.participant["id"] == bobId && it.change == "UPDATED" }
            }
            val kinds = sink.attempts.map {
                when (it.name) {
                    PARTICIPANTS_CHANGE -> "${it.change} ${(it.participant["info"] as Map<*, *>)["name"]}"
                    STATUS_CHANGE -> "status ${it.status}"
                    else -> it.name
                }
            }
            assertEquals(listOf("ADDED Ada", "status JOINED", "ADDED Bob", "UPDATED Bob"), kinds)
        } finally {
            ada.invalidate()
            bob.invalidate()
        }
    }

    @Test
    fun `a Kotlin ConferenceEventListener that throws on the core keeps receiving later events`() {
        val calls = AtomicInteger()
        val seen = CopyOnWriteArrayList<ConferenceEvent>()
        val throwing = object : ConferenceEventListener {
            override fun onConferenceEvent(event: ConferenceEvent) {
                seen.add(event)
                if (calls.incrementAndGet() % 2 == 1) throw IllegalStateException("listener bug")
            }
        }
        val ada = DolbyIoIapi(emulator.config())
        val bob = DolbyIoIapi(emulator.config())
        val subscription = ada.conference().subscribe(throwing)
        runBlocking {
            ada.initialize(KEY, SECRET)
            bob.initialize(KEY, SECRET)
            ada.session().open(ParticipantInfo(name = "Ada"))
            val bobId = bob.session().open(ParticipantInfo(name = "Bob")).id
            val conf = ada.conference().create(null)
            ada.conference().join(conf.id, null)
            bob.conference().join(conf.id, null)
            bob.conference().mute(bobId, true)
            eventually(10_000, "Bob's mute after two throws (seen: $seen)") {
                seen.any { it is ConferenceEvent.ParticipantUpdated && it.participant.id == bobId && it.participant.isMuted }
            }
            assertTrue(calls.get() >= 4)
            ada.session().close()
            bob.session().close()
        }
        subscription.close()
        ada.close()
        bob.close()
    }

    @Test
    fun `a conference access token is refused with INVALID_ARGUMENT`() {
        val js = FakeJs().apply { subscribed = true }
        val module = DolbyIoIAPIModuleCore(emulator.config(), js)
        try {
            assertEquals(true, settle<Boolean> { module.initialize(KEY, SECRET, it) })
            settle<Map<String, Any?>> { module.sessionOpen(null, it) }
            val id = settle<Map<String, Any?>> { module.conferenceCreate(null, it) }["id"] as String
            val p = TestPromise()
            module.conferenceJoin(id, mapOf("conferenceAccessToken" to "a.b.c"), p)
            val rejection = p.awaitRejection()
            assertEquals("INVALID_ARGUMENT", rejection.code)
            assertTrue(rejection.message.contains("conferenceAccessToken"), rejection.message)
            settle<Map<String, Any?>> { module.conferenceJoin(id, null, it) }
        } finally {
            module.invalidate()
        }
    }
}
