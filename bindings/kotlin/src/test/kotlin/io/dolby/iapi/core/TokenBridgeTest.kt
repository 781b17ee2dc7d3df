package io.dolby.iapi.core

import io.dolby.iapi.testsupport.EmulatorExtension
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withContext
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import kotlin.concurrent.thread

/**
 * The token request bridge through the bindings (the core's NativeModuleHost uses it for the
 * platform modules): the core emits `{requestId, isExpired}` to a subscribed listener (which
 * would forward it to JS) and JS answers later, from whatever thread the RN bridge calls on.
 */
class TokenBridgeTest {
    companion object {
        @JvmField @RegisterExtension
        val emu = EmulatorExtension()
    }

    data class Seen(val requestId: String, val isExpired: Boolean, val thread: Thread)

    /** Queues what it is told and returns at once, as the listener contract asks. */
    private class Recorder : TokenRequestListener {
        val seen = LinkedBlockingQueue<Seen>()
        override fun onAccessTokenRequest(request: AccessTokenRequest) {
            seen += Seen(request.requestId, request.isExpired, Thread.currentThread())
        }
        suspend fun next(): Seen = withContext(Dispatchers.IO) {
            seen.poll(5, TimeUnit.SECONDS) ?: error("no access token request within 5 s")
        }
    }

    /** Subscriptions of this test: the listener is subscribed until the test ends. */
    private val subscriptions = mutableListOf<Subscription>()

    @AfterEach
    fun unsubscribe() = subscriptions.forEach { it.close() }

    private fun bridge(recorder: Recorder, timeoutMs: ULong = 5_000UL) =
        TokenRequestBridge(timeoutMs).also { subscriptions += it.subscribe(recorder) }

    @Test
    fun `resolve from another thread completes initializeToken and the token is used`() = test {
        val recorder = Recorder()
        val testThread = Thread.currentThread()
        bridge(recorder).use { bridge ->
            sdk(emu).use { sdk ->
                coroutineScope {
                    val init = async { sdk.initializeToken(null, bridge.asProvider()) }
                    val request = recorder.next()
                    assertTrue(request.isExpired, "no token yet, so the request says expired")
                    assertNotEquals(testThread, request.thread, "the listener runs on a core thread")
                    assertEquals(1u, bridge.pendingCount())
                    val token = emu.mint(3600)
                    var resolved = false
                    thread(name = "js-answer") { resolved = bridge.resolve(request.requestId, token) }.join()
                    assertTrue(resolved)
                    assertTrue(init.await())
                    assertEquals(0u, bridge.pendingCount())
                    assertFalse(bridge.resolve(request.requestId, token), "a second answer is ignored")
                }
                sdk.session().open(null) // works with the token JS handed over
                sdk.session().closeSession()
            }
        }
    }

    @Test
    fun `reject fails the refresh with TOKEN_REFRESH_FAILED and the reason`() = test {
        val recorder = Recorder()
        bridge(recorder).use { bridge ->
            sdk(emu).use { sdk ->
                coroutineScope {
                    val init = async { runCatching { sdk.initializeToken(null, bridge.asProvider()) } }
                    val request = recorder.next()
                    withContext(Dispatchers.IO) { assertTrue(bridge.reject(request.requestId, "backend said no")) }
                    val e = expectIapi<IapiException.TokenRefreshFailed>("TOKEN_REFRESH_FAILED") { init.await().getOrThrow() }
                    assertTrue(e.reason.contains("backend said no"), e.reason)
                }
            }
        }
    }

    @Test
    fun `no answer times out with TIMEOUT and leaves nothing pending`() = test {
        val recorder = Recorder()
        bridge(recorder, timeoutMs = 200UL).use { bridge ->
            sdk(emu).use { sdk ->
                expectIapi<IapiException.Timeout>("TIMEOUT") { sdk.initializeToken(null, bridge.asProvider()) }
                assertEquals(1, recorder.seen.size, "the request was emitted once")
                assertEquals(0u, bridge.pendingCount())
                assertFalse(bridge.resolve(recorder.seen.first().requestId, emu.mint(60)), "too late")
            }
        }
    }

    @Test
    fun `a closed subscription gets nothing, and a request waits for the next subscriber`() = test {
        val first = Recorder()
        val second = Recorder()
        TokenRequestBridge(5_000UL).use { bridge ->
            bridge.subscribe(first).close()
            sdk(emu).use { sdk ->
                coroutineScope {
                    val init = async { sdk.initializeToken(null, bridge.asProvider()) }
                    withContext(Dispatchers.IO) {
                        while (bridge.pendingCount() == 0u) Thread.sleep(10)
                    }
                    subscriptions += bridge.subscribe(second)
                    val request = second.next() // the held request, delivered on subscribe
                    assertTrue(bridge.resolve(request.requestId, emu.mint(3600)))
                    assertTrue(init.await())
                    assertEquals(0, first.seen.size, "the closed subscription was called")
                }
            }
        }
    }

    @Test
    fun `unknown ids are refused`() {
        TokenRequestBridge(1_000UL).use { bridge ->
            assertFalse(bridge.resolve("no-such-id", "token"))
            assertFalse(bridge.reject("no-such-id", "reason"))
            assertEquals(0u, bridge.pendingCount())
        }
    }
}
