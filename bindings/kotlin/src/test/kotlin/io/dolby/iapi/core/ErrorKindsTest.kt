package io.dolby.iapi.core

import io.dolby.iapi.testsupport.EmulatorExtension
import io.dolby.iapi.testsupport.KEY
import io.dolby.iapi.testsupport.SECRET
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension

/**
 * Every error kind crosses the FFI as its own `IapiException` subclass with the shared code
 * (what the RN module maps to `error.code`, through `nativeError`), produced by a real cause
 * rather than a mock. TIMEOUT and a superseding initialize's CANCELLED are in TokenRequestTest.
 */
class ErrorKindsTest {
    companion object {
        @JvmField @RegisterExtension
        val emu = EmulatorExtension()
    }

    private val hosts = Hosts(emu)

    @AfterEach
    fun tearDown() = hosts.close()

    @Test
    fun `INVALID_ARGUMENT for a blank secret, and for every call of a host with a non-loopback http URL`() = test {
        val host = hosts.new(Recorder())
        expectIapi<IapiException.InvalidArgument>("INVALID_ARGUMENT") { host.initialize(KEY, "") }
        val insecure = NativeModuleHost(configForBaseUrl("http://example.com"), Recorder())
        try {
            // The refused configuration is the error of every call, not a constructor crash.
            expectIapi<IapiException.InvalidArgument>("INVALID_ARGUMENT") { insecure.initialize(KEY, SECRET) }
            expectIapi<IapiException.InvalidArgument>("INVALID_ARGUMENT") { insecure.sessionIsOpen() }
        } finally {
            insecure.shutdown("test over")
            insecure.destroy()
        }
    }

    @Test
    fun `the default configuration is https, and configForBaseUrl points both hosts at one URL`() {
        val default = defaultConfig()
        assertTrue(default.authBaseUrl.startsWith("https://") && default.apiBaseUrl.startsWith("https://"), "$default")
        val local = configForBaseUrl(emu.baseUrl)
        assertEquals(emu.baseUrl to emu.baseUrl, local.authBaseUrl.trimEnd('/') to local.apiBaseUrl.trimEnd('/'))
        assertEquals(default.callbackTimeoutMs, local.callbackTimeoutMs, "only the URLs differ")
    }

    @Test
    fun `NOT_INITIALIZED and INVALID_STATE from the session`() = test {
        val host = hosts.new(Recorder())
        expectIapi<IapiException.NotInitialized>("NOT_INITIALIZED") { host.sessionOpen(null) }
        host.initialize(KEY, SECRET)
        expectIapi<IapiException.InvalidState>("INVALID_STATE") { host.sessionGetParticipant() }
        host.sessionOpen(null)
        expectIapi<IapiException.InvalidState>("INVALID_STATE") { host.sessionOpen(null) }
        host.sessionClose()
    }

    @Test
    fun `UNAUTHORIZED for a wrong secret`() = test {
        val host = hosts.new(Recorder())
        expectIapi<IapiException.Unauthorized>("UNAUTHORIZED") { host.initialize(KEY, "wrong") }
    }

    @Test
    fun `TOKEN_REFRESH_FAILED for an empty or non-JWT token answered to a request`() = test {
        for (bad in listOf("", "  ", "not-a-jwt", "a.b.c")) {
            val events = Recorder()
            val host = hosts.new(events)
            coroutineScope {
                val init = async { runCatching { host.initializeToken(null) } }
                host.resolveAccessTokenRequest(events.nextRequest().requestId, bad)
                expectIapi<IapiException.TokenRefreshFailed>("TOKEN_REFRESH_FAILED") { init.await().getOrThrow() }
            }
        }
    }

    @Test
    fun `an events implementation throwing an IapiException is TOKEN_REFRESH_FAILED, not a crash`() = test {
        val events = object : Recorder() {
            override fun onAccessTokenRequest(request: AccessTokenRequest) {
                throw IapiException.Network("the typed error path of a foreign callback")
            }
        }
        val host = hosts.new(events)
        expectIapi<IapiException.TokenRefreshFailed>("TOKEN_REFRESH_FAILED") { host.initializeToken(null) }
        assertTrue(host.initialize(KEY, SECRET), "the host stays usable")
    }

    @Test
    fun `NETWORK when the token request's connection is dropped`() = test {
        emu.fault("token", "drop", times = 1)
        val host = hosts.new(Recorder())
        expectIapi<IapiException.Network>("NETWORK") { host.initialize(KEY, SECRET) }
    }

    @Test
    fun `SERVER with the status when identify answers 503, and nativeError carries both`() = test {
        val host = hosts.new(Recorder())
        host.initialize(KEY, SECRET)
        emu.fault("identify", "status", status = 503, times = 1)
        val e = expectIapi<IapiException.Server>("SERVER") { host.sessionOpen(null) }
        assertEquals(503.toUShort(), e.status)
        assertFalse(host.sessionIsOpen())
        val native = nativeError(e)
        assertEquals(NativeError("SERVER", errorMessage(e), 503.toUShort(), native.platformCode), native)
    }

    @Test
    fun `CANCELLED with the shim's reason for calls after shutdown`() = test {
        val host = hosts.new(Recorder())
        assertTrue(host.initialize(KEY, SECRET))
        host.shutdown("the module was invalidated")
        val e = expectIapi<IapiException.Cancelled>("CANCELLED") { host.sessionOpen(null) }
        assertTrue(e.reason.contains("the module was invalidated"), e.reason)
        // Whatever the arguments: a bad level would otherwise be INVALID_ARGUMENT.
        expectIapi<IapiException.Cancelled>("CANCELLED") { host.setLogLevel("LOUD", true) }
    }
}
