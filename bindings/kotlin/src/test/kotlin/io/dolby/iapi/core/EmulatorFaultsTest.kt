package io.dolby.iapi.core

import io.dolby.iapi.testsupport.EmulatorExtension
import io.dolby.iapi.testsupport.KEY
import io.dolby.iapi.testsupport.SECRET
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

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

    private val hosts = Hosts(emu)

    @AfterEach
    fun tearDown() {
        hosts.close()
        emu.awaitSockets(0)
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
    fun `one response dated two hours ahead fails no call and requests no token`() = test {
        val events = Recorder()
        val host = hosts.new(events)
        assertTrue(host.initializeToken(emu.mint(3600)))
        host.sessionOpen(ParticipantInfo(name = "Ada"))
        inject("""{"route":"conferenceCreate","kind":"date","dateOffsetMs":7200000,"times":1}""")
        // The first answer carries the wrong Date; the token stays valid for every call.
        repeat(10) { host.conferenceCreate(null) }
        assertEquals(0, events.allRequests.size, "no request: one wrong Date does not make the token look expired")
        assertEquals("VALID", host.getTokenState().state)
        assertTrue(events.token.none { it.state == "REFRESHING" }, "${events.token}")
        host.sessionClose()
    }

    @Test
    fun `a server closing every socket after its handshake is retried with backoff, then reconnects`() = test(30_000) {
        val events = Recorder()
        val host = hosts.new(events)
        assertTrue(host.initialize(KEY, SECRET))
        host.sessionOpen(ParticipantInfo(name = "Ada"))
        val conference = host.conferenceCreate(null)
        host.conferenceJoin(conference.id, null)
        emu.awaitSockets(1)
        inject("""{"route":"ws","kind":"closeAfterHandshake"}""")
        val (sockets, fetches) = emu.counter("ws") to emu.counter("conferenceFetch")
        emu.dropSockets()
        until("three reconnect attempts") { events.connection.count { it.state == "RECONNECTING" } >= 3 }
        // The core's own schedule, as it reports it: attempt n waits 250 ms * 2^(n-1), half of it
        // random. A socket that closes right after its handshake never resets the backoff.
        val attempts = events.connection.filter { it.state == "RECONNECTING" }.take(3)
        assertEquals(listOf(1.0, 2.0, 3.0), attempts.map { it.attempt }, "$attempts")
        attempts.forEachIndexed { i, state ->
            val backoff = 250.0 * (1 shl i)
            assertTrue(state.retryInMs!! >= backoff / 2 && state.retryInMs!! <= backoff, "attempt ${i + 1}: $state")
        }
        assertTrue(attempts.drop(1).all { it.reason == "CLOSED_BY_SERVER" }, "$attempts")
        // At most one resync fetch per connection.
        assertTrue(emu.counter("conferenceFetch") - fetches <= emu.counter("ws") - sockets)
        // The server recovers: the session's socket comes back, and says so.
        emu.clearFaults()
        emu.awaitSockets(1, timeoutMs = 15_000)
        until("CONNECTED again") { events.connection.last().state == "CONNECTED" }
        host.conferenceLeave(true)
    }
}
