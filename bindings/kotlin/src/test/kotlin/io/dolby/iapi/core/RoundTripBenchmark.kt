package io.dolby.iapi.core

import org.junit.jupiter.api.Tag
import org.junit.jupiter.api.Test
import java.util.concurrent.Executors

/**
 * Not an assertion: prints the latency of one Rust -> Kotlin -> Rust provider round trip, timed
 * on the Rust side by `measureProviderRoundTrips`. Excluded from the normal run; the script runs
 * it with `-Dgroups=benchmark`.
 */
@Tag("benchmark")
class RoundTripBenchmark {
    private val iterations = 10_000u

    private suspend fun report(name: String, provider: AccessTokenProvider) {
        measureProviderRoundTrips(provider, 2_000u) // warm-up: JIT, JNA callback stubs, thread pools
        val s = measureProviderRoundTrips(provider, iterations)
        fun us(ns: ULong) = "%.1f".format(ns.toDouble() / 1_000)
        println("bench $name p50=${us(s.p50Ns)}us p99=${us(s.p99Ns)}us max=${us(s.maxNs)}us n=${s.iterations}")
    }

    @Test
    fun `provider round trips`() = test(600_000) {
        // (a) A Kotlin suspend provider returning a constant: the async foreign-trait path.
        report("kotlin-provider", provider { "constant-token" })

        // (b) The bridge, answered synchronously from inside the listener callback.
        TokenRequestBridge(5_000UL).use { bridge ->
            bridge.setListener(object : TokenRequestListener {
                override fun onAccessTokenRequest(request: AccessTokenRequest) {
                    bridge.resolve(request.requestId, "constant-token")
                }
            })
            report("bridge-direct", bridge.asProvider())
            bridge.setListener(null)
        }

        // (c) The bridge, answered from another thread, as the RN module would after JS replies.
        val answerer = Executors.newSingleThreadExecutor { Thread(it, "answerer").apply { isDaemon = true } }
        try {
            TokenRequestBridge(5_000UL).use { bridge ->
                bridge.setListener(object : TokenRequestListener {
                    override fun onAccessTokenRequest(request: AccessTokenRequest) {
                        answerer.execute { bridge.resolve(request.requestId, "constant-token") }
                    }
                })
                report("bridge-executor", bridge.asProvider())
                bridge.setListener(null)
            }
        } finally {
            answerer.shutdown()
        }
    }
}
