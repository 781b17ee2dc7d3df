package io.dolby.iapi.core

import io.dolby.iapi.testsupport.EmulatorExtension
import io.dolby.iapi.testsupport.KEY
import io.dolby.iapi.testsupport.SECRET
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import kotlin.concurrent.thread

/**
 * Access tokens from the app (`initializeToken`): the core emits `onAccessTokenRequest
 * {requestId, isExpired}` on its own thread and the app answers later, from whatever thread the
 * RN bridge calls on, with `resolveAccessTokenRequest` / `rejectAccessTokenRequest`.
 */
class TokenRequestTest {
    companion object {
        @JvmField @RegisterExtension
        val emu = EmulatorExtension()
    }

    private val hosts = Hosts(emu)

    @AfterEach
    fun tearDown() = hosts.close()

    @Test
    fun `a null token is requested once, isExpired, and resolving it from another thread completes initializeToken`() = test {
        val events = Recorder()
        val host = hosts.new(events)
        val testThread = Thread.currentThread()
        val token = emu.mint(3600)
        coroutineScope {
            val init = async { host.initializeToken(null) }
            val request = events.nextRequest()
            assertTrue(request.isExpired, "no token yet, so the request says expired")
            assertNotEquals(testThread, events.allRequests.single().second, "requests come on a core thread")
            thread(name = "js-answer") { host.resolveAccessTokenRequest(request.requestId, token) }.join()
            assertTrue(init.await())
            // A second answer to an answered request is ignored (and does not throw).
            host.resolveAccessTokenRequest(request.requestId, "not-a-jwt")
        }
        val me = host.sessionOpen(null) // works with the token JS handed over
        assertTrue(me.id.isNotBlank())
        assertEquals(1, events.allRequests.size, "a valid token is not requested again")
        assertEquals("VALID", host.getTokenState().state, "the ignored second answer replaced nothing")
        host.sessionClose()
    }

    @Test
    fun `a valid token is used as is, and a 2-second one is requested again at half its life, before expiry`() = test {
        val events = Recorder()
        val host = hosts.new(events)
        // exp/iat are whole seconds: mint just after a second boundary so the 2 s are whole.
        alignToSecond()
        assertTrue(host.initializeToken(emu.mint(2)))
        assertTrue(events.allRequests.isEmpty(), "a valid token needs no request")
        val valid = host.getTokenState()
        assertEquals("VALID", valid.state)
        assertTrue(valid.nextRefreshAt!! < valid.expiresAt!!, "the refresh is planned before expiry: $valid")

        val request = events.nextRequest(5_000)
        assertFalse(request.isExpired, "proactive requests happen before expiry")
        until("REFRESHING") { events.token.any { it.state == "REFRESHING" } }
        val refreshing = events.token.first { it.state == "REFRESHING" }
        assertEquals("HALF_LIFE", refreshing.refresh?.trigger, "$refreshing")
        host.resolveAccessTokenRequest(request.requestId, emu.mint(3600))
        until("REFRESHED") { events.token.any { it.refresh?.outcome == "REFRESHED" } }
        assertEquals("HALF_LIFE", events.token.first { it.refresh?.outcome == "REFRESHED" }.refresh?.trigger)
    }

    @Test
    fun `reject fails the refresh with TOKEN_REFRESH_FAILED and the reason`() = test {
        val events = Recorder()
        val host = hosts.new(events)
        coroutineScope {
            val init = async { runCatching { host.initializeToken(null) } }
            val request = events.nextRequest()
            thread(name = "js-answer") { host.rejectAccessTokenRequest(request.requestId, "backend said no") }.join()
            val e = expectIapi<IapiException.TokenRefreshFailed>("TOKEN_REFRESH_FAILED") { init.await().getOrThrow() }
            assertTrue(e.reason.contains("backend said no"), e.reason)
        }
    }

    @Test
    fun `no answer is TIMEOUT, and a late answer is ignored`() = test {
        val events = Recorder()
        val host = hosts.new(events) { it.copy(callbackTimeoutMs = 300UL) }
        expectIapi<IapiException.Timeout>("TIMEOUT") { host.initializeToken(null) }
        val late = events.nextRequest()
        assertEquals(1, events.allRequests.size, "the request was emitted once")
        host.resolveAccessTokenRequest(late.requestId, emu.mint(3600))
        // Had the late token been taken, this would run without a request.
        coroutineScope {
            val init = async { host.initializeToken(null) }
            val next = events.nextRequest()
            assertNotEquals(late.requestId, next.requestId)
            host.resolveAccessTokenRequest(next.requestId, emu.mint(3600))
            assertTrue(init.await())
        }
    }

    @Test
    fun `answers to unknown ids are ignored and leave the pending request alone`() = test {
        val events = Recorder()
        val host = hosts.new(events)
        coroutineScope {
            val init = async { host.initializeToken(null) }
            val request = events.nextRequest()
            host.resolveAccessTokenRequest("no-such-id", "not-a-jwt")
            host.rejectAccessTokenRequest("no-such-id", "reason")
            host.rejectAccessTokenRequest("", "")
            // Still pending: its own answer completes it, with its token.
            host.resolveAccessTokenRequest(request.requestId, emu.mint(3600))
            assertTrue(init.await())
        }
        assertEquals("VALID", host.getTokenState().state)
    }

    @Test
    fun `an events implementation that throws fails the request at once with TOKEN_REFRESH_FAILED`() = test {
        val events = object : Recorder() {
            override fun onAccessTokenRequest(request: AccessTokenRequest) {
                super.onAccessTokenRequest(request)
                throw IllegalStateException("the JS emitter is gone")
            }
        }
        // A callback timeout far above the test's 20 s ceiling: only the failed emit can end the call.
        val host = hosts.new(events) { it.copy(callbackTimeoutMs = 120_000UL) }
        val e = expectIapi<IapiException.TokenRefreshFailed>("TOKEN_REFRESH_FAILED") { host.initializeToken(null) }
        assertTrue(e.reason.contains("could not be delivered"), e.reason)
        assertEquals(1, events.allRequests.size)
        // The host stays usable.
        assertTrue(host.initialize(KEY, SECRET))
    }

    @Test
    fun `a later initialize supersedes a pending request with CANCELLED and its answer is ignored`() = test {
        val events = Recorder()
        val host = hosts.new(events)
        coroutineScope {
            val first = async { runCatching { host.initializeToken(null) } }
            val request = events.nextRequest() // the first refresh is in flight
            assertTrue(host.initialize(KEY, SECRET))
            expectIapi<IapiException.Cancelled>("CANCELLED") { first.await().getOrThrow() }
            host.resolveAccessTokenRequest(request.requestId, "not-a-jwt") // ignored: not a failure below
        }
        host.sessionOpen(null) // the second initialize's token is in use
        assertEquals("VALID", host.getTokenState().state)
        host.sessionClose()
    }
}
