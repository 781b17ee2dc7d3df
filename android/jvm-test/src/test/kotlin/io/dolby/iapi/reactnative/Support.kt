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
 *
 * What the SDK is doing ([STATE_EVENTS]: connection and token states, log records) is kept
 * apart, in [states], whether or not JS subscribed to the other events; a `writePlatformLog`
 * record also goes where the React glue sends it ([writeLogcat], android.util.Log's stand-in).
 */
class FakeJs : ModuleEventSink {
    @Volatile
    var subscribed = false
    val earlyEmits = AtomicInteger()
    val events = LinkedBlockingQueue<ModuleEvent>()

    /** Every event emitted, in order (kept when [events] is drained), but [STATE_EVENTS]. */
    val seen = CopyOnWriteArrayList<ModuleEvent>()

    /** Every one of [STATE_EVENTS] emitted, in order. */
    val states = CopyOnWriteArrayList<ModuleEvent>()

    /** The threads that emitted (the core's, never a caller's). */
    val threads = CopyOnWriteArrayList<Thread>()

    /** When set, emit throws (the React emitter failing). */
    @Volatile
    var broken = false

    override fun emit(event: ModuleEvent) {
        threads.add(Thread.currentThread())
        if (event.name == PLATFORM_LOG) writeLogcat(event.payload)
        if (event.name in STATE_EVENTS) {
            states.add(event)
            return
        }
        if (!subscribed) {
            earlyEmits.incrementAndGet()
            throw IllegalStateException("emitted ${event.name} before JS subscribed")
        }
        if (broken) throw IllegalStateException("the emitter is broken")
        seen.add(event)
        events.add(event)
    }

    fun nextTokenRequest(timeoutMs: Long = 10_000): ModuleEvent {
        val event = events.poll(timeoutMs, TimeUnit.MILLISECONDS) ?: fail("no event within $timeoutMs ms")
        if (event.name != TOKEN_REQUEST) fail<Unit>("unexpected event $event")
        return event
    }

    /** Waits for an emitted event [name] (seen before or after this call) that matches [matches]. */
    fun waitFor(name: String, what: String, timeoutMs: Long = 10_000, matches: (ModuleEvent) -> Boolean = { true }): ModuleEvent {
        var found: ModuleEvent? = null
        eventually(timeoutMs, "$what (seen: $seen, states: $states)") {
            found = seen(name).firstOrNull(matches)
            found != null
        }
        return found!!
    }

    /** The events [name] seen so far. */
    fun seen(name: String): List<ModuleEvent> = (if (name in STATE_EVENTS) states else seen).filter { it.name == name }

    /** Waits [waitMs] for an event other than [STATE_EVENTS]: there must be none. */
    fun assertNoEvent(waitMs: Long = 300) {
        val event = events.poll(waitMs, TimeUnit.MILLISECONDS)
        if (event != null) fail<Unit>("unexpected event $event")
    }
}

// The spec's event names and their payloads' keys.
const val TOKEN_REQUEST = "onAccessTokenRequest"
const val STATUS_CHANGE = "onConferenceStatusChange"
const val PARTICIPANTS_CHANGE = "onParticipantsChange"
const val PERMISSIONS_CHANGE = "onPermissionsChange"
const val CONNECTION_STATE_CHANGE = "onConnectionStateChange"
const val TOKEN_STATE_CHANGE = "onTokenStateChange"
const val LOG = "onLog"

/** Not a spec event: a core log record for logcat, which the React glue writes with [writeLogcat]. */
const val PLATFORM_LOG = "writePlatformLog"

/** What the SDK is doing: emitted whatever JS subscribed to, never asserted by [FakeJs.assertNoEvent]. */
val STATE_EVENTS = setOf(CONNECTION_STATE_CHANGE, TOKEN_STATE_CHANGE, LOG, PLATFORM_LOG)

val ModuleEvent.requestId get() = payload["requestId"] as String
val ModuleEvent.isExpired get() = payload["isExpired"] as Boolean
val ModuleEvent.conferenceId get() = payload["conferenceId"] as String
val ModuleEvent.status get() = payload["status"] as String

@Suppress("UNCHECKED_CAST")
val ModuleEvent.participant get() = payload["participant"] as Map<String, Any?>
val ModuleEvent.change get() = payload["event"] as String

@Suppress("UNCHECKED_CAST")
val ModuleEvent.permissions get() = payload["permissions"] as List<String>

/** Calls [call] with a fresh promise and returns what it resolved (a rejection throws [Rejection]). */
@Suppress("UNCHECKED_CAST")
fun <T> settle(call: (ModulePromise) -> Unit): T = TestPromise().also(call).await() as T

/** Polls [condition] until it holds or [timeoutMs] passes. */
fun eventually(timeoutMs: Long = 5_000, what: String, condition: () -> Boolean) {
    val deadline = System.nanoTime() + timeoutMs * 1_000_000
    while (!condition()) {
        if (System.nanoTime() > deadline) fail<Unit>("timed out waiting for: $what")
        Thread.sleep(10)
    }
}
