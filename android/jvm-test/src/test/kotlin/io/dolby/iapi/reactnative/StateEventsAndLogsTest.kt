package io.dolby.iapi.reactnative

import android.util.Log
import io.dolby.iapi.testsupport.EmulatorExtension
import io.dolby.iapi.testsupport.KEY
import io.dolby.iapi.testsupport.SECRET
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension

/**
 * What the SDK is doing, as JS and logcat receive it through the module: the connection and token states (events
 * by their spec names, the getters' snapshots), log records at the level of setLogLevel in `onLog`, and the same
 * records in logcat (android.util.Log's stand-in) unless platformLog is false. The sequences themselves are the
 * core's (rust-core/tests); here, that they arrive whole, with the spec's keys and no null.
 */
class StateEventsAndLogsTest {
    companion object {
        @JvmField
        @RegisterExtension
        val emulator = EmulatorExtension()
    }

    private val js = FakeJs().apply { subscribed = true }
    private val modules = mutableListOf<DolbyIoIAPIModuleCore>()

    private fun module() = DolbyIoIAPIModuleCore(emulator.config(), js).also { modules += it }

    @BeforeEach
    fun clearLogcat() = Log.lines.clear()

    @AfterEach
    fun tearDown() {
        modules.forEach { it.invalidate() }
        assertEquals(0, js.earlyEmits.get(), "an event was emitted before JS subscribed")
    }

    private fun states(name: String) = js.seen(name).map { it.payload }

    private fun sequences(name: String) = states(name).map { it["sequence"] as Double }

    @Test
    fun `a session open is CONNECTING then CONNECTED, close is DISCONNECTED, and the getter agrees`() {
        val module = module()
        settle<Boolean> { module.initialize(KEY, SECRET, it) }
        val before = settle<Map<String, Any?>> { module.sessionGetConnectionState(it) }
        assertEquals("DISCONNECTED", before["state"], "$before")
        assertEquals(setOf("state", "sequence"), before.keys)

        settle<Map<String, Any?>> { module.sessionOpen(null, it) }
        val connected = js.waitFor(CONNECTION_STATE_CHANGE, "CONNECTED") { it.payload["state"] == "CONNECTED" }
        assertEquals(listOf("CONNECTING", "CONNECTED"), states(CONNECTION_STATE_CHANGE).map { it["state"] })
        // Outside RECONNECTING there is no attempt, delay or reason: the keys are absent, not null.
        states(CONNECTION_STATE_CHANGE).forEach { assertEquals(setOf("state", "sequence"), it.keys, "$it") }
        assertEquals(connected.payload, settle<Map<String, Any?>> { module.sessionGetConnectionState(it) })

        settle<Any?> { module.sessionClose(it) }
        js.waitFor(CONNECTION_STATE_CHANGE, "DISCONNECTED") { it.payload["state"] == "DISCONNECTED" }
        assertEquals(listOf("CONNECTING", "CONNECTED", "DISCONNECTED"), states(CONNECTION_STATE_CHANGE).map { it["state"] })
        val sequences = sequences(CONNECTION_STATE_CHANGE)
        assertEquals(sequences.sorted().distinct(), sequences, "each change is newer than the one before")
        assertTrue(sequences.first() > before["sequence"] as Double)
    }

    @Test
    fun `a dropped connection is RECONNECTING with its attempt, delay and reason, then CONNECTED`() {
        val module = module()
        settle<Boolean> { module.initialize(KEY, SECRET, it) }
        settle<Map<String, Any?>> { module.sessionOpen(null, it) }
        js.waitFor(CONNECTION_STATE_CHANGE, "CONNECTED") { it.payload["state"] == "CONNECTED" }
        emulator.awaitSockets(1)
        emulator.dropSockets()

        val reconnecting = js.waitFor(CONNECTION_STATE_CHANGE, "RECONNECTING") { it.payload["state"] == "RECONNECTING" }
        assertEquals(setOf("state", "attempt", "retryInMs", "reason", "sequence"), reconnecting.payload.keys)
        assertEquals(1.0, reconnecting.payload["attempt"])
        assertTrue(reconnecting.payload["retryInMs"] is Double, "${reconnecting.payload}")
        assertTrue(reconnecting.payload["reason"] in setOf("NETWORK", "TIMEOUT", "CLOSED_BY_SERVER"), "${reconnecting.payload}")
        js.waitFor(CONNECTION_STATE_CHANGE, "CONNECTED again", timeoutMs = 20_000) {
            it.payload["state"] == "CONNECTED" && it.payload["sequence"] as Double > reconnecting.payload["sequence"] as Double
        }
    }

    @Test
    fun `initializeToken gives the token's states with the refresh's trigger and outcome, never the token`() {
        val module = module()
        val init = TestPromise()
        module.initializeToken(null, init)
        val token = emulator.mint(3600)
        module.resolveAccessTokenRequest(js.nextTokenRequest().requestId, token)
        assertEquals(true, init.await())

        val valid = js.waitFor(TOKEN_STATE_CHANGE, "VALID") { it.payload["state"] == "VALID" }.payload
        val refreshing = states(TOKEN_STATE_CHANGE).first()
        assertEquals("REFRESHING", refreshing["state"], "$refreshing")
        assertEquals(mapOf("trigger" to "INITIALIZE"), refreshing["refresh"], "no outcome while it runs")
        assertEquals(mapOf("trigger" to "INITIALIZE", "outcome" to "REFRESHED"), valid["refresh"])
        val now = System.currentTimeMillis().toDouble()
        assertTrue(valid["expiresAt"] as Double in (now + 3_000_000)..(now + 3_700_000), "$valid")
        assertTrue(valid["nextRefreshAt"] as Double in now..(valid["expiresAt"] as Double), "$valid")
        assertEquals(valid, settle<Map<String, Any?>> { module.getTokenState(it) })

        // A refused refresh: FAILED with the error's code and message.
        val again = TestPromise()
        module.initializeToken(null, again)
        module.rejectAccessTokenRequest(js.nextTokenRequest().requestId, "no token for you")
        assertEquals("TOKEN_REFRESH_FAILED", again.awaitRejection().code)
        val failed = js.waitFor(TOKEN_STATE_CHANGE, "FAILED") {
            (it.payload["refresh"] as Map<*, *>?)?.get("outcome") == "FAILED"
        }.payload["refresh"] as Map<*, *>
        assertEquals("INITIALIZE", failed["trigger"])
        assertEquals("TOKEN_REFRESH_FAILED", failed["errorCode"])
        assertTrue((failed["errorMessage"] as String).isNotBlank(), "$failed")

        val sequences = sequences(TOKEN_STATE_CHANGE)
        assertEquals(sequences.sorted().distinct(), sequences, "each change is newer than the one before")
        assertTrue(js.states.none { token in it.payload.toString() }, "the token reached JS")
    }

    @Test
    fun `setLogLevel rejects an unknown level with INVALID_ARGUMENT`() {
        val p = TestPromise()
        module().setLogLevel("LOUD", true, p)
        val rejection = p.awaitRejection()
        assertEquals("INVALID_ARGUMENT", rejection.code, rejection.message)
        assertTrue("LOUD" in rejection.message, rejection.message)
    }

    /** At DEBUG: a token, a session, and the records they made (after waiting for one at DEBUG). */
    private fun debugSession(platformLog: Boolean): Pair<String, List<Map<String, Any?>>> {
        val module = module()
        assertNull(settle<Any?> { module.setLogLevel("DEBUG", platformLog, it) })
        val token = emulator.mint(3600)
        settle<Boolean> { module.initializeToken(token, it) }
        settle<Map<String, Any?>> { module.sessionOpen(null, it) }
        js.waitFor(CONNECTION_STATE_CHANGE, "CONNECTED") { it.payload["state"] == "CONNECTED" }
        js.waitFor(LOG, "a DEBUG record") { it.payload["level"] == "DEBUG" }
        return token to states(LOG)
    }

    @Test
    fun `at DEBUG with the platform log, records reach onLog and logcat, tag DolbyIoIAPI`() {
        val (token, records) = debugSession(platformLog = true)
        val logcat = Log.lines.filter { it.tag == "DolbyIoIAPI" }
        for (record in records) {
            assertTrue(record.keys.containsAll(setOf("level", "target", "message", "timestamp")), "$record")
            assertTrue(record.keys.all { it in setOf("level", "target", "message", "timestamp", "dropped") }, "$record")
            assertTrue(record["level"] in setOf("ERROR", "WARN", "INFO", "DEBUG"), "$record")
            assertTrue((record["target"] as String).startsWith("iapi_core"), "$record")
            assertTrue(record["timestamp"] is Double, "$record")
            // The platform log writer runs before onLog: the line is already there.
            val priority = mapOf("ERROR" to Log.ERROR, "WARN" to Log.WARN, "INFO" to Log.INFO, "DEBUG" to Log.DEBUG)
            val line = Log.Line(priority.getValue(record["level"] as String), "DolbyIoIAPI", "${record["target"]}: ${record["message"]}")
            assertTrue(line in logcat, "$line not in logcat: $logcat")
        }
        assertTrue(logcat.any { it.priority == Log.DEBUG })
        assertTrue(records.none { token in it.toString() } && logcat.none { token in it.message }, "the token was logged")
    }

    @Test
    fun `at DEBUG without the platform log, records reach onLog and nothing reaches logcat`() {
        val (_, records) = debugSession(platformLog = false)
        assertTrue(records.isNotEmpty())
        assertEquals(emptyList<Log.Line>(), Log.lines.filter { it.tag == "DolbyIoIAPI" })
        assertTrue(js.seen(PLATFORM_LOG).isEmpty())
    }

    @Test
    fun `at the default level WARN, a quiet session logs nothing`() {
        val module = module()
        settle<Boolean> { module.initializeToken(emulator.mint(3600), it) }
        settle<Map<String, Any?>> { module.sessionOpen(null, it) }
        js.waitFor(CONNECTION_STATE_CHANGE, "CONNECTED") { it.payload["state"] == "CONNECTED" }
        Thread.sleep(200)
        assertEquals(emptyList<Any>(), js.seen(LOG))
    }
}
