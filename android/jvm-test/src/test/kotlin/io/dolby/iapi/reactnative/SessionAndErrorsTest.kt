package io.dolby.iapi.reactnative

import io.dolby.iapi.testsupport.KEY
import io.dolby.iapi.testsupport.SECRET
import io.dolby.iapi.testsupport.EmulatorExtension
import io.dolby.iapi.core.IapiConfig
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension

/** The session methods and the error codes as JS receives them. */
class SessionAndErrorsTest {
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

    private fun rejection(call: (ModulePromise) -> Unit): Rejection {
        val p = TestPromise()
        call(p)
        return p.awaitRejection()
    }

    @Test
    fun `initialize with key and secret, then a whole session`() {
        val module = module()
        assertEquals(true, settle<Boolean> { module.initialize(KEY, SECRET, it) })
        assertEquals(false, settle<Boolean> { module.sessionIsOpen(it) })

        val participant = settle<Map<String, Any?>> {
            module.sessionOpen(mapOf("name" to "Ada", "externalId" to "ada-1"), it)
        }
        assertTrue((participant["id"] as String).isNotBlank())
        // Absent keys are absent, never null (the spec's contract).
        assertEquals(mapOf("name" to "Ada", "externalId" to "ada-1"), participant["info"])
        assertEquals(setOf("id", "info"), participant.keys)
        assertEquals(true, settle<Boolean> { module.sessionIsOpen(it) })
        assertEquals(participant, settle<Map<String, Any?>> { module.sessionGetParticipant(it) })

        assertEquals(null, settle<Any?> { module.sessionClose(it) })
        assertEquals(false, settle<Boolean> { module.sessionIsOpen(it) })
        assertEquals("INVALID_STATE", rejection { module.sessionGetParticipant(it) }.code)
        // The token survives close: the session reopens.
        settle<Map<String, Any?>> { module.sessionOpen(null, it) }
        js.assertNoEvent()
    }

    @Test
    fun `error codes reach JS with readable messages`() {
        val module = module()
        assertEquals("NOT_INITIALIZED", rejection { module.sessionOpen(null, it) }.code)
        rejection { module.initialize(" ", SECRET, it) }.let {
            assertEquals("INVALID_ARGUMENT", it.code)
            assertTrue(it.message.startsWith("invalid argument: "), it.message)
        }
        rejection { module.initialize(KEY, "wrong-secret", it) }.let {
            assertEquals("UNAUTHORIZED", it.code)
            assertTrue("wrong-secret" !in it.message, it.message)
        }
        assertEquals(
            "INVALID_ARGUMENT",
            rejection { module.sessionOpen(mapOf("name" to 42.0), it) }.code,
        )
        settle<Boolean> { module.initialize(KEY, SECRET, it) }
        settle<Map<String, Any?>> { module.sessionOpen(null, it) }
        assertEquals("INVALID_STATE", rejection { module.sessionOpen(null, it) }.code)

        emulator.fault("identify", "status", status = 503)
        settle<Any?> { module.sessionClose(it) }
        rejection { module.sessionOpen(null, it) }.let {
            assertEquals("SERVER", it.code)
            assertTrue(it.message.startsWith("server error 503"), it.message)
            // The platform's HTTP status and error_code (the emulator's injected body says 0)
            // reach JS as error.userInfo, read by the JS mapping into error.status / platformCode.
            assertEquals(mapOf("status" to 503, "platformCode" to 0), it.userInfo)
        }
        // Other codes carry no userInfo.
        assertEquals(null, rejection { module.sessionGetParticipant(it) }.userInfo)
    }

    @Test
    fun `a promise that throws while settling is logged, and the module goes on`() {
        val logged = java.util.concurrent.LinkedBlockingQueue<String>()
        val module = DolbyIoIAPIModuleCore(emulator.config(), js, log = { message, _ -> logged.add(message) })
        modules += module
        assertEquals(true, settle<Boolean> { module.initializeToken(emulator.mint(3600), it) })
        val throwing = object : ModulePromise {
            override fun resolve(value: Any?) = throw IllegalStateException("React could not convert $value")
            override fun reject(code: String, message: String, cause: Throwable?, userInfo: Map<String, Any?>?) =
                throw IllegalStateException("React could not reject")
        }
        module.sessionIsOpen(throwing)
        assertEquals(
            "DolbyIoIAPI: settling a promise threw",
            logged.poll(5, java.util.concurrent.TimeUnit.SECONDS),
        )
        assertEquals(false, settle<Boolean> { module.sessionIsOpen(it) })
    }

    @Test
    fun `an unreachable platform is NETWORK and a bad base URL is INVALID_ARGUMENT`() {
        val down = module(io.dolby.iapi.core.configForBaseUrl("http://127.0.0.1:9"))
        assertEquals("NETWORK", rejection { down.initialize(KEY, SECRET, it) }.code)
        val insecure = module(io.dolby.iapi.core.configForBaseUrl("http://example.com"))
        assertEquals("INVALID_ARGUMENT", rejection { insecure.initialize(KEY, SECRET, it) }.code)
    }
}
