package io.dolby.iapi.reactnative

import io.dolby.iapi.core.AccessTokenRequest
import io.dolby.iapi.core.IapiException
import io.dolby.iapi.core.NativeConferenceStatusChange
import io.dolby.iapi.core.NativeConnectionState
import io.dolby.iapi.core.NativeLogRecord
import io.dolby.iapi.core.NativeModuleEvents
import io.dolby.iapi.core.NativeModuleHost
import io.dolby.iapi.core.NativeParticipantsChange
import io.dolby.iapi.core.NativePermissionsChange
import io.dolby.iapi.core.NativeTokenState
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

/**
 * A listener that throws does not stop later conference events: neither the module's event
 * sink (the React emitter throwing) nor the core's host with Kotlin events that throw (the core
 * catches what the binding turns the exception into). And a conference
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

    /**
     * The host's events implemented in Kotlin, throwing on every other conference event: first
     * an arbitrary exception, then the typed `IapiException` (the two ways the binding hands a
     * throw to the core). Records every attempt; states, logs and token requests pass unrecorded.
     */
    private class ThrowingEvents : NativeModuleEvents {
        val attempts = CopyOnWriteArrayList<String>()
        private fun attempt(what: String) {
            attempts.add(what)
            when (attempts.size % 4) {
                1 -> throw IllegalStateException("listener bug")
                3 -> throw IapiException.InvalidState("listener bug, typed")
            }
        }
        override fun onConferenceStatusChange(change: NativeConferenceStatusChange) = attempt("status ${change.status}")
        override fun onParticipantsChange(change: NativeParticipantsChange) =
            attempt("${change.event} ${change.participant.info.name}")
        override fun onPermissionsChange(change: NativePermissionsChange) = attempt("permissions")
        override fun onAccessTokenRequest(request: AccessTokenRequest) {}
        override fun onConnectionStateChange(state: NativeConnectionState) {}
        override fun onTokenStateChange(state: NativeTokenState) {}
        override fun onLog(record: NativeLogRecord) {}
        override fun writePlatformLog(record: NativeLogRecord) {}
    }

    @Test
    fun `a Kotlin NativeModuleEvents that throws on the core keeps receiving later events`() {
        val events = ThrowingEvents()
        val ada = NativeModuleHost(emulator.config(), events)
        val bob = NativeModuleHost(emulator.config(), ThrowingEvents())
        try {
            runBlocking {
                ada.initialize(KEY, SECRET)
                bob.initialize(KEY, SECRET)
                ada.sessionOpen(ParticipantInfo(name = "Ada"))
                val bobId = bob.sessionOpen(ParticipantInfo(name = "Bob")).id
                val conf = ada.conferenceCreate(null)
                ada.conferenceJoin(conf.id, null)
                // Ada ADDED (throws), JOINED: both attempted, the stream goes on.
                eventually(10_000, "JOINED after a throw (seen: ${events.attempts})") { "status JOINED" in events.attempts }
                bob.conferenceJoin(conf.id, null)
                assertTrue(bob.conferenceMute(bobId, true))
                eventually(10_000, "Bob's mute after two throws (seen: ${events.attempts})") { "UPDATED Bob" in events.attempts }
                assertEquals(listOf("ADDED Ada", "status JOINED", "ADDED Bob", "UPDATED Bob"), events.attempts.toList())
                ada.sessionClose()
                bob.sessionClose()
            }
        } finally {
            listOf(ada, bob).forEach { it.shutdown("test over"); it.close() }
        }
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
