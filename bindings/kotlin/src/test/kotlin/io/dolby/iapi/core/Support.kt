package io.dolby.iapi.core

import io.dolby.iapi.testsupport.EmulatorExtension
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals

/**
 * Runs [block] and asserts it throws the [IapiException] subclass [E] whose shared code (the
 * core's `errorCode`, the same string JS and Swift see) is [code]. Returns it for more checks.
 */
inline fun <reified E : IapiException> expectIapi(code: String, block: () -> Unit): E {
    try {
        block()
    } catch (e: IapiException) {
        if (e !is E) throw AssertionError("expected ${E::class.simpleName}, got ${e::class.simpleName}: ${e.message}", e)
        assertEquals(code, errorCode(e), "errorCode of ${e::class.simpleName}")
        return e
    }
    throw AssertionError("expected ${E::class.simpleName} ($code), but nothing was thrown")
}

/** `runBlocking` with a ceiling, so a hang in the FFI fails one test instead of the whole run. */
fun test(timeoutMs: Long = 20_000, block: suspend () -> Unit) =
    runBlocking { withTimeout(timeoutMs) { block() } }

/** Sleeps until just after the next whole wall-clock second (JWT `iat`/`exp` are whole seconds). */
fun alignToSecond(slackMs: Long = 20) {
    val now = System.currentTimeMillis()
    Thread.sleep(1000 - now % 1000 + slackMs)
}

/** Polls [condition] every 10 ms until it holds; fails after [timeoutMs] (a ceiling, not a measurement). */
suspend fun until(what: String, timeoutMs: Long = 10_000, condition: () -> Boolean) {
    val deadline = System.nanoTime() + timeoutMs * 1_000_000
    while (!condition()) {
        if (System.nanoTime() > deadline) throw AssertionError("timed out waiting for $what")
        delay(10)
    }
}

/**
 * The hosts a test creates, each pointed at the emulator (with optional config tweaks); [close]
 * shuts each down and releases it, as the Android module's `invalidate()` does.
 */
class Hosts(private val emu: EmulatorExtension) : AutoCloseable {
    private val all = mutableListOf<NativeModuleHost>()

    fun new(events: NativeModuleEvents, tweak: (IapiConfig) -> IapiConfig = { it }): NativeModuleHost =
        NativeModuleHost(tweak(emu.config()), events).also { synchronized(all) { all += it } }

    override fun close() = synchronized(all) {
        all.forEach { it.shutdown("test over"); it.destroy() }
        all.clear()
    }
}
