package io.dolby.iapi.core

import com.sun.jna.Native
import org.junit.jupiter.api.Tag
import org.junit.jupiter.api.Test
import java.util.concurrent.Executors

/**
 * Not an assertion: prints the latency of one token request round trip through a host (the core
 * emits `onAccessTokenRequest` to the Kotlin events, which answer with
 * `resolveAccessTokenRequest`), timed on the Rust side by `measureTokenRequestRoundTrips`.
 * Excluded from the normal run; the script runs it with `-Dgroups=benchmark`.
 *
 * The events keep the core's thread attached to the JVM after the callback (JNA
 * `Native.detach(false)`), as the Android module's `keepCoreThreadAttached` does: by default JNA
 * attaches a native thread on each callback and detaches it afterwards, and that pair was most of
 * a round trip. Safe because only the core's own threads call back (see that function's comment).
 */
@Tag("benchmark")
class RoundTripBenchmark {
    private val iterations = 10_000u

    /** Events that hand each request to [answer] after keeping the core's thread attached. */
    private class Answering(private val answer: (AccessTokenRequest) -> Unit) : NativeModuleEvents {
        override fun onAccessTokenRequest(request: AccessTokenRequest) {
            Native.detach(false)
            answer(request)
        }
        override fun onConferenceStatusChange(change: NativeConferenceStatusChange) {}
        override fun onParticipantsChange(change: NativeParticipantsChange) {}
        override fun onPermissionsChange(change: NativePermissionsChange) {}
        override fun onConnectionStateChange(state: NativeConnectionState) {}
        override fun onTokenStateChange(state: NativeTokenState) {}
        override fun onLog(record: NativeLogRecord) {}
        override fun writePlatformLog(record: NativeLogRecord) {}
    }

    /** A host whose events answer with [answer] (given the host), warmed up, then measured and printed as [name]. */
    private suspend fun report(name: String, answer: (NativeModuleHost, AccessTokenRequest) -> Unit) {
        lateinit var host: NativeModuleHost
        // No emulator: the round trips need no SDK, only the host's bridge.
        host = NativeModuleHost(defaultConfig(), Answering { answer(host, it) })
        try {
            host.measureTokenRequestRoundTrips(10_000u) // warm-up: JIT (C2 compiles after ~10 000 calls), JNA callback stubs, thread pools
            val s = host.measureTokenRequestRoundTrips(iterations)
            fun us(ns: ULong) = "%.1f".format(ns.toDouble() / 1_000)
            println("bench $name p50=${us(s.p50Ns)}us p99=${us(s.p99Ns)}us max=${us(s.maxNs)}us n=${s.iterations}")
        } finally {
            host.shutdown("benchmark over")
            host.destroy()
        }
    }

    @Test
    fun `token request round trips`() = test(600_000) {
        // (a) Answered synchronously from inside the callback, on the core's thread.
        report("host-direct") { host, request -> host.resolveAccessTokenRequest(request.requestId, "constant-token") }

        // (b) Answered from another thread, as the RN module does after JS replies.
        val answerer = Executors.newSingleThreadExecutor { Thread(it, "answerer").apply { isDaemon = true } }
        try {
            report("host-executor") { host, request ->
                answerer.execute { host.resolveAccessTokenRequest(request.requestId, "constant-token") }
            }
        } finally {
            answerer.shutdown()
        }
    }
}
