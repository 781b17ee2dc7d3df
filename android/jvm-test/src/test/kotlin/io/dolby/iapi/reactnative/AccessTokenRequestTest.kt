package io.dolby.iapi.reactnative

import io.dolby.iapi.testsupport.EmulatorExtension
import io.dolby.iapi.core.IapiConfig
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension

/**
 * The refresh round trip through the module: the core asks for a token, the module emits
 * `onAccessTokenRequest {requestId, isExpired}`, "JS" answers through the module's
 * resolve/rejectAccessTokenRequest, and the core uses (or refuses) the answer.
 */
class AccessTokenRequestTest {
    companion object {
        @JvmField
        @RegisterExtension
        val emulator = EmulatorExtension()
    }

    private val js = FakeJs()
    private val modules = mutableListOf<DolbyIoIAPIModuleCore>()

    private fun module(config: IapiConfig = emulator.config()) =
        DolbyIoIAPIModuleCore(config, js).also { modules += it }

    @AfterEach
    fun tearDown() {
        modules.forEach { it.invalidate() }
        assertEquals(0, js.earlyEmits.get(), "an event was emitted before JS subscribed")
    }

    @Test
    fun `a null token is requested from JS with isExpired, and the core uses JS's answer`() {
        val module = module()
        js.subscribed = true
        val init = TestPromise()
        module.initializeToken(null, init)

        val request = js.nextTokenRequest()
        assertEquals(mapOf("requestId" to request.requestId, "isExpired" to true), request.payload)
        assertEquals("onAccessTokenRequest", request.name)
        assertTrue(!init.isSettled, "initializeToken settles only after JS answered")
        // Emitted on a core thread, never on the thread that called the module.
        assertTrue(js.threads.none { it == Thread.currentThread() }, "emitted on the caller's thread")

        module.resolveAccessTokenRequest(request.requestId, emulator.mint(3600))
        assertEquals(true, init.await())

        // The core uses the token: identify (Bearer) succeeds against the emulator.
        val identifyBefore = emulator.counter("identify")
        val open = TestPromise()
        module.sessionOpen(mapOf("name" to "Ada"), open)
        @Suppress("UNCHECKED_CAST")
        val participant = open.await() as Map<String, Any?>
        assertEquals(mapOf("name" to "Ada"), participant["info"])
        assertEquals(identifyBefore + 1, emulator.counter("identify"))
        js.assertNoEvent()
    }

    @Test
    fun `an expired token asks with isExpired true, a valid one asks nothing`() {
        val module = module()
        js.subscribed = true
        val expired = TestPromise()
        module.initializeToken(emulator.mint(-10), expired)
        val request = js.nextTokenRequest()
        assertEquals(true, request.isExpired)
        module.resolveAccessTokenRequest(request.requestId, emulator.mint(3600))
        assertEquals(true, expired.await())

        val valid = TestPromise()
        module.initializeToken(emulator.mint(3600), valid)
        assertEquals(true, valid.await())
        js.assertNoEvent()
    }

    @Test
    fun `a rejected request fails initializeToken with TOKEN_REFRESH_FAILED and JS's reason`() {
        val module = module()
        js.subscribed = true
        val init = TestPromise()
        module.initializeToken(null, init)
        val request = js.nextTokenRequest()
        module.rejectAccessTokenRequest(request.requestId, "backend down")
        val rejection = init.awaitRejection()
        assertEquals("TOKEN_REFRESH_FAILED", rejection.code)
        assertTrue("backend down" in rejection.message, rejection.message)
    }

    @Test
    fun `a token-shaped reason is redacted before it reaches JS`() {
        val module = module()
        js.subscribed = true
        val init = TestPromise()
        module.initializeToken(null, init)
        val token = emulator.mint(3600)
        module.rejectAccessTokenRequest(js.nextTokenRequest().requestId, "bad token $token")
        val rejection = init.awaitRejection()
        assertEquals("TOKEN_REFRESH_FAILED", rejection.code)
        assertTrue(token !in rejection.message, "the token leaked into: ${rejection.message}")
    }

    @Test
    fun `an unanswered request fails with TIMEOUT after the callback timeout`() {
        val module = module(emulator.config().copy(callbackTimeoutMs = 400uL))
        js.subscribed = true
        val init = TestPromise()
        val started = System.nanoTime()
        module.initializeToken(null, init)
        js.nextTokenRequest()
        val rejection = init.awaitRejection()
        val elapsedMs = (System.nanoTime() - started) / 1_000_000
        assertEquals("TIMEOUT", rejection.code, rejection.message)
        assertTrue(elapsedMs in 350..5_000, "timed out after $elapsedMs ms")
    }

    @Test
    fun `answers to unknown or already answered requests are ignored`() {
        val module = module()
        js.subscribed = true
        module.resolveAccessTokenRequest("no-such-request", "x")
        module.rejectAccessTokenRequest("no-such-request", "x")
        val init = TestPromise()
        module.initializeToken(null, init)
        val request = js.nextTokenRequest()
        module.resolveAccessTokenRequest(request.requestId, emulator.mint(3600))
        module.rejectAccessTokenRequest(request.requestId, "too late") // at most one answer
        module.resolveAccessTokenRequest(request.requestId, "garbage")
        assertEquals(true, init.await())
    }

    @Test
    fun `a second initializeToken cancels the first request, whose id is then ignored`() {
        val module = module()
        js.subscribed = true
        val first = TestPromise()
        module.initializeToken(null, first)
        val r1 = js.nextTokenRequest()
        val second = TestPromise()
        module.initializeToken(null, second)
        val r2 = js.nextTokenRequest()
        assertNotEquals(r1.requestId, r2.requestId)
        assertEquals("CANCELLED", first.awaitRejection().code)
        module.resolveAccessTokenRequest(r2.requestId, emulator.mint(3600))
        module.resolveAccessTokenRequest(r1.requestId, emulator.mint(3600)) // ignored
        assertEquals(true, second.await())
    }

    @Test
    fun `nothing is emitted before initializeToken, whatever else JS calls`() {
        // JS subscribes to onAccessTokenRequest just before calling initializeToken (the spec's
        // contract): the host only asks for tokens once it has the bridge as its provider.
        val module = module()
        val init = TestPromise()
        module.initialize(io.dolby.iapi.testsupport.KEY, io.dolby.iapi.testsupport.SECRET, init)
        assertEquals(true, init.await())
        val open = TestPromise()
        module.sessionOpen(null, open)
        open.await()
        js.assertNoEvent()
        // JS has not subscribed: a token request, had one been attempted, would count here. (The token and
        // connection states were emitted: they are not gated by JS's subscription.)
        assertEquals(0, js.earlyEmits.get(), "a token request was attempted")
    }

    @Test
    fun `an event that cannot be emitted fails the refresh at once instead of crashing`() {
        val module = module()
        js.subscribed = true
        js.broken = true
        val init = TestPromise()
        val started = System.nanoTime()
        module.initializeToken(null, init)
        val rejection = init.awaitRejection()
        assertEquals("TOKEN_REFRESH_FAILED", rejection.code, rejection.message)
        assertTrue((System.nanoTime() - started) / 1_000_000 < 5_000, "it waited for the timeout")

        // The module keeps working once events flow again.
        js.broken = false
        val retry = TestPromise()
        module.initializeToken(null, retry)
        module.resolveAccessTokenRequest(js.nextTokenRequest().requestId, emulator.mint(3600))
        assertEquals(true, retry.await())
    }
}
