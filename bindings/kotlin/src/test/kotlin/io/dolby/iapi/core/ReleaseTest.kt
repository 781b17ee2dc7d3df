package io.dolby.iapi.core

import io.dolby.iapi.testsupport.KEY
import io.dolby.iapi.testsupport.SECRET
import io.dolby.iapi.testsupport.EmulatorExtension
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.extension.RegisterExtension

/**
 * Objects created in a loop are released: the Kotlin-side handle tables that keep foreign
 * futures and foreign (Kotlin-implemented) callbacks alive for Rust return to where they were,
 * which happens only once Rust has dropped its references. Using a destroyed object throws.
 */
class ReleaseTest {
    companion object {
        @JvmField @RegisterExtension
        val emu = EmulatorExtension()
    }

    /** The generated tables (internal to the bindings; the tests compile as their friend module). */
    private fun handles() = listOf(
        uniffiForeignFutureHandleCount(),
        FfiConverterTypeAccessTokenProvider.handleMap.size,
        FfiConverterTypeTokenRequestListener.handleMap.size,
    )

    /** Releases happen on the core's threads shortly after `destroy`; wait for them a little. */
    private fun <T> awaitCount(expected: T, count: () -> T): T {
        val deadline = System.currentTimeMillis() + 5_000
        while (count() != expected && System.currentTimeMillis() < deadline) Thread.sleep(20)
        return count()
    }

    private fun awaitHandles(expected: List<Int>) = awaitCount(expected, ::handles)

    /**
     * Earlier test classes drop wrappers without destroying them (e.g. `sdk.session()` returns a
     * new handle each call); the GC's cleaner frees those at some point. Collect them now, so
     * that they are not counted in the baseline and then freed during the loop.
     */
    private fun settle(): List<Int> {
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

    @Test
    fun `200 SDKs, sessions, bridges and their subscriptions release everything they held`() = test(120_000) {
        val baseline = settle()
        val listener = object : TokenRequestListener {
            override fun onAccessTokenRequest(request: AccessTokenRequest) {}
        }
        repeat(200) { i ->
            val sdk = sdk(emu)
            val bridge = TokenRequestBridge(1_000UL)
            val subscription = bridge.subscribe(listener)
            // A null token makes the core call the Kotlin provider: one foreign future each time.
            sdk.initializeToken(null, provider { emu.mint(3600) })
            val session = sdk.session()
            if (i % 10 == 0) { // HTTP on some iterations too, to keep the loop quick
                session.open(null)
                session.closeSession()
            }
            subscription.destroy()
            session.destroy()
            bridge.destroy()
            sdk.destroy()
        }
        assertEquals(baseline, awaitHandles(baseline), "[futures, providers, listeners] after 200 rounds")
    }

    @Test
    fun `200 module hosts shut down release their Kotlin events`() = test(120_000) {
        val baseline = settle()
        val eventsBefore = FfiConverterTypeNativeModuleEvents.handleMap.size
        val events = object : NativeModuleEvents {
            override fun onAccessTokenRequest(request: AccessTokenRequest) {}
            override fun onConferenceStatusChange(change: NativeConferenceStatusChange) {}
            override fun onParticipantsChange(change: NativeParticipantsChange) {}
            override fun onPermissionsChange(change: NativePermissionsChange) {}
            override fun onConnectionStateChange(state: NativeConnectionState) {}
            override fun onTokenStateChange(state: NativeTokenState) {}
            override fun onLog(record: NativeLogRecord) {}
            override fun writePlatformLog(record: NativeLogRecord) {}
        }
        repeat(200) { i ->
            val host = NativeModuleHost(emu.config(), events)
            assertTrue(host.initializeToken(emu.mint(3600)))
            if (i % 10 == 0) host.sessionOpen(null) // its socket closes on shutdown
            host.shutdown("released")
            host.destroy()
        }
        val eventsAfter = awaitCount(eventsBefore) { FfiConverterTypeNativeModuleEvents.handleMap.size }
        assertEquals(eventsBefore, eventsAfter, "NativeModuleEvents handles")
        assertEquals(baseline, awaitHandles(baseline), "[futures, providers, listeners] after 200 hosts")
    }

    @Test
    fun `calling a destroyed object throws instead of crashing`() {
        val sdk = sdk(emu)
        val session = sdk.session()
        val bridge = TokenRequestBridge(1_000UL)
        sdk.destroy(); session.destroy(); bridge.destroy()
        sdk.destroy() // a second destroy is a no-op
        assertTrue(sdk.uniffiIsDestroyed)
        assertThrows<IllegalStateException> { sdk.session() }
        assertThrows<IllegalStateException> { session.isOpen() }
        assertThrows<IllegalStateException> { bridge.pendingCount() }
        assertThrows<IllegalStateException> { test { sdk.initialize(KEY, SECRET) } }
    }
}
