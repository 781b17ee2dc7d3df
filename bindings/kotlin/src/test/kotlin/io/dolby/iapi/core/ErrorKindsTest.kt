package io.dolby.iapi.core

import io.dolby.iapi.testsupport.KEY
import io.dolby.iapi.testsupport.SECRET
import io.dolby.iapi.testsupport.EmulatorExtension
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.coroutineScope
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension

/**
 * Every error kind crosses the FFI as its own `IapiException` subclass with the shared code
 * (what the RN module maps to `error.code`), produced by a real cause rather than a mock.
 */
class ErrorKindsTest {
    companion object {
        @JvmField @RegisterExtension
        val emu = EmulatorExtension()
    }

    @Test
    fun `INVALID_ARGUMENT for a blank secret and for a non-loopback http URL`() = test {
        sdk(emu).use { sdk -> expectIapi<IapiException.InvalidArgument>("INVALID_ARGUMENT") { sdk.initialize(KEY, "") } }
        expectIapi<IapiException.InvalidArgument>("INVALID_ARGUMENT") { DolbyIoIapi(configForBaseUrl("http://example.com")) }
    }

    @Test
    fun `NOT_INITIALIZED and INVALID_STATE from the session`() = test {
        sdk(emu).use { sdk ->
            val session = sdk.session()
            expectIapi<IapiException.NotInitialized>("NOT_INITIALIZED") { session.open(null) }
            sdk.initialize(KEY, SECRET)
            expectIapi<IapiException.InvalidState>("INVALID_STATE") { session.participant() }
            session.open(null)
            expectIapi<IapiException.InvalidState>("INVALID_STATE") { session.open(null) }
            session.closeSession()
        }
    }

    @Test
    fun `UNAUTHORIZED for a wrong secret`() = test {
        sdk(emu).use { sdk -> expectIapi<IapiException.Unauthorized>("UNAUTHORIZED") { sdk.initialize(KEY, "wrong") } }
    }

    @Test
    fun `TOKEN_REFRESH_FAILED for an empty or non-JWT token`() = test {
        for (bad in listOf("", "  ", "not-a-jwt", "a.b.c")) {
            sdk(emu).use { sdk ->
                expectIapi<IapiException.TokenRefreshFailed>("TOKEN_REFRESH_FAILED") {
                    sdk.initializeToken(null, provider { bad })
                }
            }
        }
    }

    @Test
    fun `a provider throwing an arbitrary exception is TOKEN_REFRESH_FAILED, not a crash`() = test {
        sdk(emu).use { sdk ->
            val e = expectIapi<IapiException.TokenRefreshFailed>("TOKEN_REFRESH_FAILED") {
                sdk.initializeToken(null, provider { throw IllegalStateException("boom") })
            }
            assertTrue(e.reason.contains("boom"), e.reason)
            // The instance stays usable after the failure.
            assertTrue(sdk.initialize(KEY, SECRET))
        }
    }

    @Test
    fun `TIMEOUT when the provider never answers within callbackTimeoutMs`() = test {
        sdk(emu) { it.copy(callbackTimeoutMs = 300UL) }.use { sdk ->
            val started = System.nanoTime()
            expectIapi<IapiException.Timeout>("TIMEOUT") { sdk.initializeToken(null, provider { awaitCancellation() }) }
            val ms = (System.nanoTime() - started) / 1_000_000
            assertTrue(ms in 250..5_000, "timed out after $ms ms")
        }
    }

    @Test
    fun `NETWORK when the token request's connection is dropped`() = test {
        emu.fault("token", "drop", times = 1)
        sdk(emu).use { sdk -> expectIapi<IapiException.Network>("NETWORK") { sdk.initialize(KEY, SECRET) } }
    }

    @Test
    fun `SERVER with the status when identify answers 503`() = test {
        sdk(emu).use { sdk ->
            sdk.initialize(KEY, SECRET)
            emu.fault("identify", "status", status = 503, times = 1)
            val e = expectIapi<IapiException.Server>("SERVER") { sdk.session().open(null) }
            assertEquals(503.toUShort(), e.status)
            assertTrue(!sdk.session().isOpen())
        }
    }

    @Test
    fun `CANCELLED when a second initialize supersedes one whose provider hangs`() = test {
        sdk(emu).use { sdk ->
            val called = CompletableDeferred<Unit>()
            coroutineScope {
                val first = async {
                    runCatching { sdk.initializeToken(null, provider { called.complete(Unit); awaitCancellation() }) }
                }
                called.await() // the first refresh is in flight
                assertTrue(sdk.initialize(KEY, SECRET))
                expectIapi<IapiException.Cancelled>("CANCELLED") { first.await().getOrThrow() }
            }
            sdk.session().open(null) // the second initialize's token is in use
            sdk.session().closeSession()
        }
    }
}
