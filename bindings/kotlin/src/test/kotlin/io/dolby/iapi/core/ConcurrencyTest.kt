package io.dolby.iapi.core

import io.dolby.iapi.testsupport.EmulatorExtension
import io.dolby.iapi.testsupport.KEY
import io.dolby.iapi.testsupport.SECRET
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean

/** Many JVM threads calling into the core at once (the RN module is called from several). */
class ConcurrencyTest {
    companion object {
        @JvmField @RegisterExtension
        val emu = EmulatorExtension()

        /** Answers token requests later, off the core's thread, as JS does. */
        private val js = Executors.newSingleThreadScheduledExecutor { Thread(it, "js").apply { isDaemon = true } }

        @JvmStatic @AfterAll
        fun stopJs() = js.shutdown()
    }

    private val hosts = Hosts(emu)

    @AfterEach
    fun tearDown() = hosts.close()

    /**
     * Records each request and decides at once whether to [grant] it: a granted one is resolved
     * 200 ms later from another thread with a fresh token, the others are rejected at once
     * (inside the callback).
     */
    private class SlowJs(private val grant: () -> Boolean) : Recorder() {
        lateinit var host: NativeModuleHost
        override fun onAccessTokenRequest(request: AccessTokenRequest) {
            super.onAccessTokenRequest(request)
            if (!grant()) return host.rejectAccessTokenRequest(request.requestId, "not yet")
            js.schedule({ host.resolveAccessTokenRequest(request.requestId, emu.mint(3600)) }, 200, TimeUnit.MILLISECONDS)
        }
    }

    @Test
    fun `50 hosts open and close sessions in parallel`() = test(60_000) {
        val identifyBefore = emu.counter("identify")
        val ids = coroutineScope {
            (1..50).map { i ->
                async(Dispatchers.Default) {
                    val host = hosts.new(Recorder())
                    host.initialize(KEY, SECRET)
                    val me = host.sessionOpen(ParticipantInfo(externalId = "user-$i"))
                    host.sessionClose()
                    me.id
                }
            }.awaitAll()
        }
        assertEquals(50, ids.toSet().size, "one participant per external id")
        assertEquals(identifyBefore + 50, emu.counter("identify"))
    }

    @Test
    fun `100 concurrent opens on a rejected token share one request`() = test(60_000) {
        // Slow on purpose, so every open's 401 arrives while the one request is pending.
        val events = SlowJs { true }
        val host = hosts.new(events).also { events.host = it }
        val token = emu.mint(3600)
        host.initializeToken(token)
        assertEquals(0, events.allRequests.size, "a valid initial token needs no request")
        // The platform now refuses the token the core holds: each open gets a 401 and must
        // wait for a replacement. A revoked token makes that deterministic, unlike waiting
        // for a short one to expire (the core refreshes those proactively on a timer).
        emu.revoke(token)
        val outcomes = coroutineScope {
            (1..100).map {
                async(Dispatchers.Default) { runCatching { host.sessionOpen(null) } }
            }.awaitAll()
        }
        assertEquals(1, events.allRequests.size, "single-flight: one request for 100 callers")
        // Only one session can be open per host: the first identify to finish wins and every
        // other open is INVALID_STATE (already / concurrently opened), never an error from the
        // token path.
        val (ok, failed) = outcomes.partition { it.isSuccess }
        assertEquals(1, ok.size)
        val codes = failed.map { r -> r.exceptionOrNull().let { if (it is IapiException) errorCode(it) else "$it" } }.toSet()
        assertEquals(setOf("INVALID_STATE"), codes)
        host.sessionClose()
    }

    @Test
    fun `100 concurrent opens after the token expired share one request`() = test(60_000) {
        val armed = AtomicBoolean(false)
        // Until armed, every request is rejected, so the core's proactive refreshes (at 0.5 s,
        // 0.75 s and 1 s of a 1-second token) cannot replace it and it really expires. The next
        // scheduled retry is 1 s after expiry; the opens run well before that.
        val events = SlowJs { armed.get() }
        val host = hosts.new(events).also { events.host = it }
        alignToSecond()
        val minted = System.currentTimeMillis()
        host.initializeToken(emu.mint(1))
        Thread.sleep(maxOf(0, minted + 1_150 - System.currentTimeMillis())) // past exp
        val before = events.allRequests.size
        armed.set(true)
        val outcomes = coroutineScope {
            (1..100).map {
                async(Dispatchers.Default) { runCatching { host.sessionOpen(null) } }
            }.awaitAll()
        }
        val armedRequests = events.allRequests.drop(before).map { it.first.isExpired }
        assertEquals(listOf(true), armedRequests, "one request, told the token expired")
        assertEquals(1, outcomes.count { it.isSuccess })
        host.sessionClose()
    }
}
