package io.dolby.iapi.core

import io.dolby.iapi.testsupport.KEY
import io.dolby.iapi.testsupport.SECRET
import io.dolby.iapi.testsupport.EmulatorExtension
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.withContext
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import java.util.Collections
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger

/** Many JVM threads calling into the core at once (the RN module is called from several). */
class ConcurrencyTest {
    companion object {
        @JvmField @RegisterExtension
        val emu = EmulatorExtension()
    }

    @Test
    fun `50 SDK instances open and close sessions in parallel`() = test(60_000) {
        val identifyBefore = emu.counter("identify")
        val ids = coroutineScope {
            (1..50).map { i ->
                async(Dispatchers.Default) {
                    sdk(emu).use { sdk ->
                        sdk.initialize(KEY, SECRET)
                        val me = sdk.session().open(ParticipantInfo(externalId = "user-$i"))
                        sdk.session().closeSession()
                        me.id
                    }
                }
            }.awaitAll()
        }
        assertEquals(50, ids.toSet().size, "one participant per external id")
        assertEquals(identifyBefore + 50, emu.counter("identify"))
    }

    @Test
    fun `100 concurrent opens on a rejected token share one refresh`() = test(60_000) {
        val calls = AtomicInteger()
        // Slow on purpose, so every open's 401 arrives while the one refresh is still running.
        val counting = provider { _ ->
            calls.incrementAndGet()
            delay(200)
            withContext(Dispatchers.IO) { emu.mint(3600) }
        }
        sdk(emu).use { sdk ->
            val token = emu.mint(3600)
            sdk.initializeToken(token, counting)
            assertEquals(0, calls.get(), "a valid initial token needs no refresh")
            // The platform now refuses the token the core holds: each open gets a 401 and must
            // wait for a replacement. A revoked token makes that deterministic, unlike waiting
            // for a short one to expire (the core refreshes those proactively on a timer).
            emu.revoke(token)
            val outcomes = coroutineScope {
                (1..100).map {
                    async(Dispatchers.Default) { runCatching { sdk.session().open(null) } }
                }.awaitAll()
            }
            assertEquals(1, calls.get(), "single-flight: one provider call for 100 callers")
            // Only one session can be open per instance: the first identify to finish wins and
            // every other open is INVALID_STATE (already / concurrently opened), never an error
            // from the token path.
            val (ok, failed) = outcomes.partition { it.isSuccess }
            assertEquals(1, ok.size)
            val codes = failed.map { r -> r.exceptionOrNull().let { if (it is IapiException) errorCode(it) else "$it" } }.toSet()
            assertEquals(setOf("INVALID_STATE"), codes)
            sdk.session().closeSession()
        }
    }

    @Test
    fun `100 concurrent opens after the token expired share one refresh`() = test(60_000) {
        val armed = AtomicBoolean(false)
        val armedCalls: MutableList<Boolean> = Collections.synchronizedList(mutableListOf())
        // Until armed, every refresh fails, so the core's proactive refreshes (at 0.5 s, 0.75 s
        // and 1 s of a 1-second token) cannot replace it and it really expires. The next
        // scheduled retry is 1 s after expiry; the opens run well before that.
        val gated = provider { isExpired ->
            if (!armed.get()) throw IllegalStateException("not yet")
            armedCalls += isExpired
            delay(200)
            withContext(Dispatchers.IO) { emu.mint(3600) }
        }
        sdk(emu).use { sdk ->
            alignToSecond()
            val minted = System.currentTimeMillis()
            sdk.initializeToken(emu.mint(1), gated)
            Thread.sleep(maxOf(0, minted + 1_150 - System.currentTimeMillis())) // past exp
            armed.set(true)
            val outcomes = coroutineScope {
                (1..100).map {
                    async(Dispatchers.Default) { runCatching { sdk.session().open(null) } }
                }.awaitAll()
            }
            assertEquals(listOf(true), armedCalls.toList(), "one provider call, told the token expired")
            assertEquals(1, outcomes.count { it.isSuccess })
            sdk.session().closeSession()
        }
    }
}
