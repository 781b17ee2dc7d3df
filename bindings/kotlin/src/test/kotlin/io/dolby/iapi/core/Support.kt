package io.dolby.iapi.core

import io.dolby.iapi.testsupport.EmulatorExtension
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

/** A Kotlin `suspend` provider from a lambda. */
fun provider(block: suspend (isExpired: Boolean) -> String): AccessTokenProvider =
    object : AccessTokenProvider {
        override suspend fun refreshAccessToken(isExpired: Boolean): String = block(isExpired)
    }

/** A fresh SDK pointed at [emu], with optional config tweaks. */
fun sdk(emu: EmulatorExtension, tweak: (IapiConfig) -> IapiConfig = { it }): DolbyIoIapi =
    DolbyIoIapi(tweak(emu.config()))
