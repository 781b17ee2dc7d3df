package io.dolby.iapi.reactnative

import io.dolby.iapi.testsupport.KEY
import io.dolby.iapi.testsupport.SECRET
import io.dolby.iapi.testsupport.EmulatorExtension
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
        val module = DolbyIoIAPIModuleCore(emulator.config(), js)
        val init = TestPromise()
        module.initializeToken(null, init)
        val request = js.nextTokenRequest()

        val started = System.nanoTime()
        module.invalidate()
        val rejection = init.awaitRejection(timeoutMs = 5_000)
        assertEquals("CANCELLED", rejection.code, rejection.message)
        assertEquals("cancelled: the module was invalidated", rejection.message)
        assertTrue((System.nanoTime() - started) / 1_000_000 < 5_000)
        // A late answer from JS is a no-op, and nothing is asked again.
        module.resolveAccessTokenRequest(request.requestId, emulator.mint(3600))
        module.rejectAccessTokenRequest(request.requestId, "late")
        js.assertNoEvent()
    }

    @Test
    fun `invalidate racing the first calls settles every promise exactly once, and nothing after`() {
        repeat(20) { round ->
            val module = DolbyIoIAPIModuleCore(emulator.config(), js)
            val promises = List(8) { TestPromise() }
            val callers = promises.mapIndexed { i, p ->
                Thread {
                    if (i % 2 == 0) module.initializeToken(emulator.mint(3600), p) else module.sessionIsOpen(p)
                }
            }
            callers.forEachIndexed { i, t -> t.start(); if (i == round % 8) module.invalidate() }
            callers.forEach { it.join() }
            module.invalidate()
            for (p in promises) {
                try {
                    p.await(5_000) // resolved before invalidate() ran
                } catch (r: Rejection) {
                    assertTrue(r.code in setOf("CANCELLED", "NOT_INITIALIZED"), "round $round: ${r.code} ${r.message}")
                }
                Thread.sleep(1)
                assertEquals(1, p.settlements.get(), "round $round: settled ${p.settlements.get()} times")
            }
        }
        js.assertNoEvent()
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
