package io.dolby.iapi.core

import io.dolby.iapi.testsupport.EmulatorExtension
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import java.util.Collections

/** A Kotlin `suspend` provider driven by the core's token lifecycle (Rust -> Kotlin -> Rust). */
class TokenProviderTest {
    companion object {
        @JvmField @RegisterExtension
        val emu = EmulatorExtension()
    }

    /** Records each call's `isExpired` and when it happened, and answers with a 1-hour token. */
    private class Recording(private val emu: EmulatorExtension) : AccessTokenProvider {
        val calls: MutableList<Pair<Boolean, Long>> = Collections.synchronizedList(mutableListOf())
        override suspend fun refreshAccessToken(isExpired: Boolean): String {
            calls += isExpired to System.currentTimeMillis()
            // Blocking HTTP off the core's callback thread, as an app's backend call would be.
            return withContext(Dispatchers.IO) { emu.mint(3600) }
        }
    }

    @Test
    fun `null token calls the provider once with isExpired before initializeToken returns`() = test {
        val provider = Recording(emu)
        sdk(emu).use { sdk ->
            assertTrue(sdk.initializeToken(null, provider))
            // Checked right after the call returned: the refresh happened inside it.
            assertEquals(listOf(true), provider.calls.map { it.first })
            sdk.session().open(null) // the provider's token is the one in use
            assertEquals(1, provider.calls.size, "a valid token is not refreshed again")
            sdk.session().closeSession()
        }
    }

    @Test
    fun `a 2-second token is refreshed proactively at half the time it had left`() = test {
        val provider = Recording(emu)
        sdk(emu).use { sdk ->
            // exp/iat are whole seconds: mint just after a second boundary so that iat is "now"
            // and the 1/2 milestone lands ~1 s from here rather than anywhere in 0..1 s.
            alignToSecond()
            val minted = System.currentTimeMillis()
            assertTrue(sdk.initializeToken(emu.mint(2), provider))
            assertTrue(provider.calls.isEmpty(), "a valid token is used as is")
            while (provider.calls.isEmpty() && System.currentTimeMillis() - minted < 3_000) Thread.sleep(10)
            val (isExpired, at) = provider.calls.firstOrNull() ?: error("no proactive refresh within 3 s")
            assertEquals(false, isExpired, "proactive refreshes happen before expiry")
            val after = at - minted
            // 1/2 of the ~2 s left, jittered up to 1/6 of it (333 ms) earlier.
            assertTrue(after in 600..1_600, "called ${after} ms after minting, expected ~670..1000")
        }
    }
}
