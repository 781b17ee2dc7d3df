package io.dolby.iapi.core

import io.dolby.iapi.testsupport.EmulatorExtension
import io.dolby.iapi.testsupport.KEY
import io.dolby.iapi.testsupport.SECRET
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension

/** The key/secret path end to end through a host: initialize, open, close, and the errors a caller can hit first. */
class InitializeAndSessionTest {
    companion object {
        @JvmField @RegisterExtension
        val emu = EmulatorExtension()
    }

    private val hosts = Hosts(emu)

    @AfterEach
    fun tearDown() = hosts.close()

    @Test
    fun `initialize then open and close a session`() = test {
        val host = hosts.new(Recorder())
        assertTrue(host.initialize(KEY, SECRET))
        assertFalse(host.sessionIsOpen())
        val me = host.sessionOpen(ParticipantInfo(name = "Ada", externalId = "ada-1"))
        assertTrue(me.id.isNotBlank())
        assertEquals("Ada", me.info.name)
        assertNull(me.status, "the session's participant has no conference status")
        assertTrue(host.sessionIsOpen())
        assertEquals(me, host.sessionGetParticipant())
        host.sessionClose()
        assertFalse(host.sessionIsOpen())
        // The token survives close, so the same host can open again (same external id, same participant).
        assertEquals(me.id, host.sessionOpen(ParticipantInfo(externalId = "ada-1")).id)
        host.sessionClose()
    }

    @Test
    fun `wrong secret is Unauthorized`() = test {
        val host = hosts.new(Recorder())
        expectIapi<IapiException.Unauthorized>("UNAUTHORIZED") { host.initialize(KEY, "not-the-secret") }
    }

    @Test
    fun `blank key is InvalidArgument and sends nothing`() = test {
        val before = emu.counter("token")
        val host = hosts.new(Recorder())
        expectIapi<IapiException.InvalidArgument>("INVALID_ARGUMENT") { host.initialize("  ", SECRET) }
        assertEquals(before, emu.counter("token"))
    }

    @Test
    fun `session before initialize is NotInitialized`() = test {
        val host = hosts.new(Recorder())
        expectIapi<IapiException.NotInitialized>("NOT_INITIALIZED") { host.sessionOpen(null) }
    }

    @Test
    fun `participant of a closed session is InvalidState`() = test {
        val host = hosts.new(Recorder())
        host.initialize(KEY, SECRET)
        expectIapi<IapiException.InvalidState>("INVALID_STATE") { host.sessionGetParticipant() }
    }
}
