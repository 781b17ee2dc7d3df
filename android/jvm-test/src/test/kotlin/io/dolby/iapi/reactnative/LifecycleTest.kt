package io.dolby.iapi.reactnative

import io.dolby.iapi.testsupport.KEY
import io.dolby.iapi.testsupport.SECRET
import io.dolby.iapi.testsupport.EmulatorExtension
import io.dolby.iapi.core.TokenRequestBridge
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension

/** invalidate(): everything pending is cancelled, nothing is emitted after, later calls fail cleanly. */
class LifecycleTest {
    companion object {
        @JvmField
        @RegisterExtension
        val emulator = EmulatorExtension()
    }

    private val js = FakeJs().apply { subscribed = true }

    // resume() (called on host resume) re-evaluates the token in the core; what it refreshes
    // after a suspension is tested in rust-core/tests/token_defects.rs. Here: the module forwards
    // it safely in every state and asks JS nothing when nothing is due.
    @Test
    fun `resume forwards safely and asks nothing when nothing is due`() {
        val module = DolbyIoIAPIModuleCore(emulator.config(), js)
        module.resume() // before initialization: nothing to re-evaluate
        val init = TestPromise()
        module.initializeToken(emulator.mint(3600), init)
        assertEquals(true, init.await())
        module.resume()
        js.assertNoEvent() // a fresh one-hour token: no refresh is due
        module.invalidate()
        module.resume() // after invalidate: a no-op
    }

    @Test
    fun `invalidate cancels a pending token request and its initializeToken promise`() {
        val bridge = TokenRequestBridge(30_000uL)
        val module = DolbyIoIAPIModuleCore(emulator.config(), js, bridge = bridge)
        val init = TestPromise()
        module.initializeToken(null, init)
        val request = js.nextTokenRequest()
        assertEquals(1u, bridge.pendingCount())

        val started = System.nanoTime()
        module.invalidate()
        val rejection = init.awaitRejection(timeoutMs = 5_000)
        assertEquals("CANCELLED", rejection.code, rejection.message)
        assertTrue((System.nanoTime() - started) / 1_000_000 < 5_000)
        // The core dropped the request: it is no longer pending, and a late answer is a no-op.
        eventually(what = "the request to be dropped") { bridge.pendingCount() == 0u }
        module.resolveAccessTokenRequest(request.requestId, emulator.mint(3600))
        assertEquals(false, bridge.resolve(request.requestId, "x"))
        js.assertNoEvent()
        bridge.close()
    }

    @Test
    fun `invalidate cancels an in-flight HTTP call`() {
        val module = DolbyIoIAPIModuleCore(emulator.config(), js)
        emulator.fault("token", "latency", latencyMs = 5_000)
        val init = TestPromise()
        module.initialize(KEY, SECRET, init)
        eventually(what = "the token request to reach the emulator") { emulator.counter("token") >= 1 }
        val started = System.nanoTime()
        module.invalidate()
        assertEquals("CANCELLED", init.awaitRejection(timeoutMs = 3_000).code)
        assertTrue((System.nanoTime() - started) / 1_000_000 < 3_000)
    }

    @Test
    fun `after invalidate every call rejects with CANCELLED and answers are ignored`() {
        val module = DolbyIoIAPIModuleCore(emulator.config(), js)
        val init = TestPromise()
        module.initialize(KEY, SECRET, init)
        assertEquals(true, init.await())
        module.invalidate()
        module.invalidate() // idempotent

        val calls = listOf<(ModulePromise) -> Unit>(
            { module.initialize(KEY, SECRET, it) },
            { module.initializeToken(null, it) },
            { module.sessionOpen(null, it) },
            { module.sessionIsOpen(it) },
            { module.sessionClose(it) },
            { module.sessionGetParticipant(it) },
            { module.conferenceCurrent(it) },
            { module.conferenceCreate(null, it) },
            { module.conferenceJoin("c", null, it) },
            { module.conferenceLeave(null, it) },
            { module.conferenceIsMuted(it) },
        )
        for (call in calls) {
            val p = TestPromise()
            call(p)
            assertEquals("CANCELLED", p.awaitRejection().code)
        }
        module.resolveAccessTokenRequest("1", "x")
        module.rejectAccessTokenRequest("1", "x")
        js.assertNoEvent()
    }

    @Test
    fun `a token refresh scheduled by the core is not emitted after invalidate`() {
        // A 2 s token: the core refreshes at about half the time it had left. After invalidate, nothing.
        val module = DolbyIoIAPIModuleCore(emulator.config(), js)
        val init = TestPromise()
        module.initializeToken(emulator.mint(2), init)
        assertEquals(true, init.await())
        module.invalidate()
        js.assertNoEvent(waitMs = 2_500)
    }

    @Test
    fun `a scheduled refresh goes through the module while it lives`() {
        val module = DolbyIoIAPIModuleCore(emulator.config(), js)
        val init = TestPromise()
        module.initializeToken(emulator.mint(2), init)
        assertEquals(true, init.await())
        val request = js.nextTokenRequest(timeoutMs = 5_000)
        assertEquals(false, request.isExpired, "a proactive refresh happens before expiry")
        module.resolveAccessTokenRequest(request.requestId, emulator.mint(3600))
        module.invalidate()
    }
}
