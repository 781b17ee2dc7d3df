package io.dolby.iapi.core

import io.dolby.iapi.testsupport.EmulatorExtension
import io.dolby.iapi.testsupport.KEY
import io.dolby.iapi.testsupport.SECRET
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension

/**
 * What the SDK is doing, through the Kotlin bindings: a [NativeModuleHost] whose Kotlin [NativeModuleEvents] ([Recorder]) receive
 * the connection states, the token states (with the refresh's trigger and outcome) and the log records, on the core's
 * threads, and the platform log writer's copy of each record unless `setLogLevel(..., false)`.
 */
class StateEventsTest {
    companion object {
        @JvmField @RegisterExtension
        val emu = EmulatorExtension()
    }

    private val hosts = Hosts(emu)

    private fun host(events: Recorder) = hosts.new(events)

    @AfterEach
    fun tearDown() = hosts.close()

    @Test
    fun `open is CONNECTING then CONNECTED, close is DISCONNECTED, in order, and the getter agrees`() = test {
        val events = Recorder()
        val host = host(events)
        assertTrue(host.initialize(KEY, SECRET))
        val before = host.sessionGetConnectionState()
        assertEquals("DISCONNECTED", before.state)

        host.sessionOpen(ParticipantInfo(name = "Ada"))
        until("CONNECTED") { events.connection.any { it.state == "CONNECTED" } }
        assertEquals(listOf("CONNECTING", "CONNECTED"), events.connection.map { it.state })
        assertEquals(events.connection.last(), host.sessionGetConnectionState())
        assertTrue(events.connection.all { it.attempt == null && it.retryInMs == null && it.reason == null })

        host.sessionClose()
        until("DISCONNECTED") { events.connection.size == 3 }
        assertEquals(listOf("CONNECTING", "CONNECTED", "DISCONNECTED"), events.connection.map { it.state })
        val sequences = events.connection.map { it.sequence }
        assertEquals(sequences.sorted().distinct(), sequences, "each change is newer than the one before")
        assertTrue(sequences.first() > before.sequence)
        assertEquals(events.connection.last(), host.sessionGetConnectionState())
    }

    @Test
    fun `initializeToken gives the token states with the refresh's trigger and outcome`() = test {
        val events = Recorder()
        val host = host(events)
        assertEquals("NONE", host.getTokenState().state)

        // A null token: the core asks for one (REFRESHING, trigger INITIALIZE) and holds it (VALID, REFRESHED).
        val token = emu.mint(3600)
        val init = coroutineScope {
            val init = async { host.initializeToken(null) }
            host.resolveAccessTokenRequest(events.nextRequest().requestId, token)
            init.await()
        }
        assertTrue(init)
        until("VALID") { events.token.any { it.state == "VALID" } }
        val (refreshing, valid) = events.token.toList()
        assertEquals("REFRESHING", refreshing.state)
        assertEquals(NativeTokenRefresh("INITIALIZE", null, null, null), refreshing.refresh)
        assertEquals(NativeTokenRefresh("INITIALIZE", "REFRESHED", null, null), valid.refresh)
        val now = System.currentTimeMillis().toDouble()
        assertTrue(valid.expiresAt!! in (now + 3_000_000)..(now + 3_700_000), "$valid")
        assertTrue(valid.nextRefreshAt!! in now..valid.expiresAt!!, "$valid")
        assertEquals(valid, host.getTokenState())

        // A refused refresh: FAILED, with the error's code.
        val failed = coroutineScope {
            val again = async { runCatching { host.initializeToken(null) } }
            host.rejectAccessTokenRequest(events.nextRequest().requestId, "no token for you")
            again.await()
        }
        assertEquals("TOKEN_REFRESH_FAILED", errorCode(failed.exceptionOrNull() as IapiException))
        until("FAILED") { events.token.any { it.refresh?.outcome == "FAILED" } }
        val refresh = events.token.first { it.refresh?.outcome == "FAILED" }.refresh!!
        assertEquals("INITIALIZE", refresh.trigger)
        assertEquals("TOKEN_REFRESH_FAILED", refresh.errorCode)
        assertTrue(!refresh.errorMessage.isNullOrBlank())
        val sequences = events.token.map { it.sequence }
        assertEquals(sequences.sorted().distinct(), sequences, "each change is newer than the one before")
        assertTrue(events.token.none { token in it.toString() }, "a token state holds the token")
    }

    @Test
    fun `setLogLevel refuses an unknown level`() = test {
        val host = host(Recorder())
        val e = runCatching { host.setLogLevel("LOUD", true) }.exceptionOrNull()
        assertTrue(e is IapiException.InvalidArgument, "$e")
        assertEquals("INVALID_ARGUMENT", errorCode(e as IapiException))
        assertTrue("LOUD" in e.message.orEmpty(), e.message)
    }

    /** At DEBUG: a token, a session opened and closed, and the records they made. */
    private suspend fun debugSession(events: Recorder, platformLog: Boolean): String {
        val host = host(events)
        host.setLogLevel("DEBUG", platformLog)
        val token = emu.mint(3600)
        assertTrue(host.initializeToken(token))
        host.sessionOpen(null)
        until("CONNECTED") { events.connection.any { it.state == "CONNECTED" } }
        host.sessionClose()
        until("a DEBUG record") { events.logs.any { it.level == "DEBUG" } }
        return token
    }

    @Test
    fun `at DEBUG, records reach onLog and, first, the platform log writer, and none holds the token`() = test {
        val events = Recorder()
        val token = debugSession(events, platformLog = true)
        val logs = events.logs.toList()
        assertTrue(logs.all { it.level in setOf("ERROR", "WARN", "INFO", "DEBUG") }, "$logs")
        assertTrue(logs.all { it.target.startsWith("iapi_core") && it.message.isNotBlank() && it.timestamp > 0 }, "$logs")
        // Each record goes to the platform log writer, then to onLog (one forwarder per host: never interleaved;
        // the last record may be between the two calls).
        val calls = events.logCalls.toList().let { if (it.size % 2 == 1) it.dropLast(1) else it }
        assertTrue(calls.size >= 2)
        for ((platform, onLog) in calls.chunked(2)) {
            assertEquals("platform" to onLog.second, platform, "the platform log is written first, with the same record")
            assertEquals("onLog", onLog.first)
        }
        assertTrue(logs.none { token in it.message || token in it.toString() }, "a record holds the token")
    }

    @Test
    fun `with platformLog false, records reach onLog and the platform log writer gets none`() = test {
        val events = Recorder()
        debugSession(events, platformLog = false)
        assertTrue(events.logs.isNotEmpty())
        assertEquals(emptyList<NativeLogRecord>(), events.platformLog.toList())
    }

    @Test
    fun `OFF stops the records`() = test {
        val events = Recorder()
        val host = host(events)
        host.setLogLevel("OFF", true)
        assertTrue(host.initializeToken(emu.mint(3600)))
        host.sessionOpen(null)
        until("CONNECTED") { events.connection.any { it.state == "CONNECTED" } }
        host.sessionClose()
        delay(200)
        assertNull(events.logs.firstOrNull())
        assertNull(events.platformLog.firstOrNull())
    }
}
