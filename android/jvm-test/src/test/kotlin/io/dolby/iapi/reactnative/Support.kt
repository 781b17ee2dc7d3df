package io.dolby.iapi.reactnative

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.fail
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ExecutionException
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger

/** A rejection as JS would see it: `error.code`, `error.message` and `error.userInfo`. */
class Rejection(
    val code: String,
    override val message: String,
    val userInfo: Map<String, Any?>? = null,
) : Exception("$code: $message")

/** A JS promise: records its one settlement; a second settlement fails the test. */
class TestPromise : ModulePromise {
    private val future = CompletableFuture<Any?>()
    val settlements = AtomicInteger()

    override fun resolve(value: Any?) {
        settlements.incrementAndGet()
        future.complete(value)
    }

    override fun reject(code: String, message: String, cause: Throwable?, userInfo: Map<String, Any?>?) {
        settlements.incrementAndGet()
        future.completeExceptionally(Rejection(code, message, userInfo))
    }

    val isSettled get() = future.isDone

    fun await(timeoutMs: Long = 10_000): Any? = try {
        future.get(timeoutMs, TimeUnit.MILLISECONDS).also { assertEquals(1, settlements.get()) }
    } catch (e: ExecutionException) {
        throw e.cause!!
    }

    fun awaitRejection(timeoutMs: Long = 10_000): Rejection {
        try {
            val value = future.get(timeoutMs, TimeUnit.MILLISECONDS)
            fail<Unit>("expected a rejection, got $value")
        } catch (e: ExecutionException) {
            assertEquals(1, settlements.get())
            return e.cause as Rejection
        }
        error("unreachable")
    }
}

/**
 * JS as the module sees it: it subscribes to events (before calling initializeToken, as the
 * spec's contract says). An emit while JS has no subscription is what crashes React Native:
 * here it is counted and thrown, and every test asserts that it never happened.
 */
class FakeJs : ModuleEventSink {
    @Volatile
    var subscribed = false
    val earlyEmits = AtomicInteger()
    val events = LinkedBlockingQueue<ModuleEvent>()

    /** Every event emitted, in order (kept when [events] is drained). */
    val seen = CopyOnWriteArrayList<ModuleEvent>()

    /** When set, emit throws (the React emitter failing). */
    @Volatile
    var broken = false

    override fun emit(event: ModuleEvent) {
        if (!subscribed) {
            earlyEmits.incrementAndGet()
            throw IllegalStateException("emitted ${event.name} before JS subscribed")
        }
        if (broken) throw IllegalStateException("the emitter is broken")
        seen.add(event)
        events.add(event)
    }

    fun nextTokenRequest(timeoutMs: Long = 10_000): ModuleEvent.AccessTokenRequest {
        val event = events.poll(timeoutMs, TimeUnit.MILLISECONDS) ?: fail("no event within $timeoutMs ms")
        return event as? ModuleEvent.AccessTokenRequest ?: fail("unexpected event $event")
    }

    /** Waits for an emitted event (seen before or after this call) that matches [matches]. */
    inline fun <reified E : ModuleEvent> waitFor(
        what: String,
        timeoutMs: Long = 10_000,
        crossinline matches: (E) -> Boolean = { true },
    ): E {
        var found: E? = null
        eventually(timeoutMs, "$what (seen: $seen)") {
            found = seen.filterIsInstance<E>().firstOrNull { matches(it) }
            found != null
        }
        return found!!
    }

    fun assertNoEvent(waitMs: Long = 300) {
        val event = events.poll(waitMs, TimeUnit.MILLISECONDS)
        if (event != null) fail<Unit>("unexpected event $event")
    }
}

/** Polls [condition] until it holds or [timeoutMs] passes. */
fun eventually(timeoutMs: Long = 5_000, what: String, condition: () -> Boolean) {
    val deadline = System.nanoTime() + timeoutMs * 1_000_000
    while (!condition()) {
        if (System.nanoTime() > deadline) fail<Unit>("timed out waiting for: $what")
        Thread.sleep(10)
    }
}
