package io.dolby.iapi.core

import io.dolby.iapi.testsupport.EmulatorExtension
import io.dolby.iapi.testsupport.KEY
import io.dolby.iapi.testsupport.SECRET
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.util.concurrent.atomic.AtomicInteger

/**
 * The emulator's field faults through the Kotlin bindings (issue 22): a response whose `Date`
 * is hours off (a proxy with a wrong clock) and a server that closes every event socket right
 * after its handshake, injected through the emulator's control API as any app developer's test
 * can.
 */
class EmulatorFaultsTest {
    companion object {
        @JvmField @RegisterExtension
        val emu = EmulatorExtension()

        private val http: HttpClient = HttpClient.newHttpClient()
    }

    /** `POST /_control/faults` with [json] (the kinds `date` and `closeAfterHandshake`). */
    private fun inject(json: String) {
        val request = HttpRequest.newBuilder(URI.create("${emu.baseUrl}/_control/faults"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build()
        val response = http.send(request, HttpResponse.BodyHandlers.ofString())
        check(response.statusCode() == 200) { "inject $json -> ${response.statusCode()} ${response.body()}" }
    }

    @Test
    fun `one response dated two hours ahead fails no call and asks the provider for nothing`() = test {
        val calls = AtomicInteger()
        sdk(emu).use { sdk ->
            val provider = provider { calls.incrementAndGet(); emu.mint(3600) }
            assertTrue(sdk.initializeToken(emu.mint(3600), provider))
            sdk.session().open(ParticipantInfo(name = "Ada"))
            inject("""{"route":"conferenceCreate","kind":"date","dateOffsetMs":7200000,"times":1}""")
            // The first answer carries the wrong Date; the token stays valid for every call.
            repeat(10) { sdk.conference().create(null) }
            assertEquals(0, calls.get(), "no refresh: one wrong Date does not make the token look expired")
            sdk.session().closeSession()
        }
        emu.awaitSockets(0)
    }

    @Test
    fun `a server closing every socket after its handshake is retried with backoff`() = test(30_000) {
        sdk(emu).use { sdk ->
            assertTrue(sdk.initialize(KEY, SECRET))
            sdk.session().open(ParticipantInfo(name = "Ada"))
            val conference = sdk.conference().create(null)
            sdk.conference().join(conference.id, null)
            emu.awaitSockets(1)
            inject("""{"route":"ws","kind":"closeAfterHandshake"}""")
            val (sockets, fetches) = emu.counter("ws") to emu.counter("conferenceFetch")
            emu.dropSockets()
            Thread.sleep(3_000)
            val connections = emu.counter("ws") - sockets
            val resyncs = emu.counter("conferenceFetch") - fetches
            // 250 ms doubling with jitter: at most 5 attempts in 3 s (about 12 before the fix).
            assertTrue(connections in 2..6, "$connections connections in 3 s")
            assertTrue(resyncs <= 6, "$resyncs resync fetches in 3 s")
            // The server recovers: the session's socket comes back.
            emu.clearFaults()
            emu.awaitSockets(1, timeoutMs = 15_000)
            sdk.conference().leave()
            sdk.session().closeSession()
        }
        emu.awaitSockets(0)
    }
}
