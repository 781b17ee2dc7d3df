package io.dolby.iapi.core

import io.dolby.iapi.testsupport.EmulatorExtension
import io.dolby.iapi.testsupport.KEY
import io.dolby.iapi.testsupport.SECRET
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.extension.RegisterExtension

/**
 * Hosts created in a loop are released: the Kotlin-side handle table that keeps the foreign
 * (Kotlin-implemented) events alive for Rust returns to where it was, which happens only once
 * Rust has dropped every reference. `shutdown` stops every event before it returns; a
 * destroyed host throws.
 */
class ReleaseTest {
    companion object {
        @JvmField @RegisterExtension
        val emu = EmulatorExtension()
    }

    /** The generated table (internal to the bindings; the tests compile as their friend module). */
    private fun handles() = FfiConverterTypeNativeModuleEvents.handleMap.size

    /** Releases happen on the core's threads shortly after `destroy`; wait for them a little. */
    private fun awaitHandles(expected: Int): Int {
        val deadline = System.nanoTime() + 5_000_000_000
        while (handles() != expected && System.nanoTime() < deadline) Thread.sleep(20)
        return handles()
    }

    /**
     * Earlier test classes may leave hosts to the GC's cleaner, which frees them at some point.
     * Collect them now, so that they are not counted in the baseline and then freed during the loop.
     */
    private fun settle(): Int {
        var last = handles()
        repeat(20) {
            System.gc()
            Thread.sleep(50)
            val now = handles()
            if (now == last && it >= 3) return now
            last = now
        }
        return last
    }

    /** Events that answer each token request inside the callback with [token]. */
    private fun answering(token: String): Pair<Recorder, (NativeModuleHost) -> Unit> {
        val events = Recorder()
        return events to { host -> events.answer = { host.resolveAccessTokenRequest(it.requestId, token) } }
    }

    @Test
    fun `200 hosts shut down release their Kotlin events, also after token requests and sessions`() = test(120_000) {
        val baseline = settle()
        val token = emu.mint(3600)
        repeat(200) { i ->
            val (events, wire) = answering(token)
            val host = NativeModuleHost(emu.config(), events).also(wire)
            assertTrue(host.initializeToken(null)) // one request through the Kotlin events
            if (i % 10 == 0) host.sessionOpen(null) // its socket closes on shutdown; HTTP on some rounds only
            host.shutdown("released")
            host.destroy()
        }
        assertEquals(baseline, awaitHandles(baseline), "NativeModuleEvents handles after 200 hosts")
    }

    @Test
    fun `200 hosts released without shutdown release their Kotlin events too`() = test(120_000) {
        val baseline = settle()
        val token = emu.mint(3600)
        repeat(200) {
            val (events, wire) = answering(token)
            NativeModuleHost(emu.config(), events).also(wire).use { host ->
                assertTrue(host.initializeToken(null))
            }
        }
        assertEquals(baseline, awaitHandles(baseline), "NativeModuleEvents handles after 200 hosts")
    }

    @Test
    fun `shutdown cancels running calls and pending requests, closes the socket, and no event follows`() = test(30_000) {
        val events = Recorder()
        val host = NativeModuleHost(emu.config(), events)
        try {
            host.setLogLevel("DEBUG", true) // records are events too
            assertTrue(host.initialize(KEY, SECRET))
            host.sessionOpen(ParticipantInfo(name = "Ada"))
            emu.awaitSockets(1)
            coroutineScope {
                val running = async { runCatching { host.initializeToken(null) } }
                val pending = events.nextRequest()
                host.shutdown("the module was invalidated")
                val after = events.calls.size
                val e = expectIapi<IapiException.Cancelled>("CANCELLED") { running.await().getOrThrow() }
                assertTrue(e.reason.contains("the module was invalidated"), e.reason)
                host.shutdown("again") // idempotent: no throw, nothing emitted
                host.resolveAccessTokenRequest(pending.requestId, emu.mint(3600)) // ignored, no throw
                // The session's socket closes (a disconnection the host would otherwise report).
                emu.awaitSockets(0)
                expectIapi<IapiException.Cancelled>("CANCELLED") { host.sessionIsOpen() }
                host.resume() // does nothing after shutdown
                delay(300) // give a stray event time to show up
                assertEquals(events.calls.take(after), events.calls.toList(), "events after shutdown returned")
            }
        } finally {
            host.destroy()
        }
    }

    @Test
    fun `calling a destroyed host throws instead of crashing`() {
        val host = NativeModuleHost(emu.config(), Recorder())
        host.destroy()
        host.destroy() // a second destroy is a no-op
        assertTrue(host.uniffiIsDestroyed)
        assertThrows<IllegalStateException> { host.resolveAccessTokenRequest("1", "token") }
        assertThrows<IllegalStateException> { host.shutdown("late") }
        assertThrows<IllegalStateException> { test { host.initialize(KEY, SECRET) } }
    }
}
