package io.dolby.iapi.core

import com.sun.jna.Callback
import com.sun.jna.CallbackThreadInitializer
import com.sun.jna.Native
import org.junit.jupiter.api.Tag
import org.junit.jupiter.api.Test
import java.util.concurrent.Executors

/**
 * Keeps the core's threads attached to the JVM after their first callback, as the Android module
 * does (DolbyIoIAPIModuleCore's `keepCoreThreadAttached`). By default JNA attaches a native thread
 * to the JVM on each callback and detaches it afterwards; that attach/detach pair was most of a
 * round trip (p50 186 us before).
 *
 * Safe because the only native threads that call back are the core's own: its two Tokio workers,
 * which live as long as the process, and its blocking pool, whose idle threads exit after 10 s;
 * JNA detaches an attached native thread itself when it exits (its thread-local destructor), so an
 * exiting thread is never left attached. JNA's `Native.detach` docs: "Generally this is used to
 * avoid detaching native threads when it is known that a given thread will be relatively
 * long-lived and call back to Java code frequently."
 */
object CoreThreads {
    private val initializer = CallbackThreadInitializer(true, false, "iapi-core")

    /**
     * A Kotlin `suspend` provider runs on a coroutine dispatcher, never on the core's thread, so it
     * cannot call `Native.detach(false)` there. The thread that calls back is the one running the
     * generated vtable callbacks; JNA's CallbackThreadInitializer (detach = false) keeps it
     * attached. JNA reads the initializer when it creates a callback's native stub, i.e. when the
     * library is loaded: call this before the first call into the core.
     */
    fun keepAttachedForProviders() {
        val callbacks: List<Callback> = listOf(
            uniffiCallbackInterfaceAccessTokenProvider.`refreshAccessToken`,
            uniffiCallbackInterfaceAccessTokenProvider.uniffiFree,
            uniffiCallbackInterfaceAccessTokenProvider.uniffiClone,
            uniffiForeignFutureDroppedCallbackImpl,
        )
        callbacks.forEach { Native.setCallbackThreadInitializer(it, initializer) }
    }

    /** Inside a callback that runs on the core's thread (a bridge or event listener). */
    fun keepCurrentAttached() = Native.detach(false)
}

/**
 * Not an assertion: prints the latency of one Rust -> Kotlin -> Rust provider round trip, timed
 * on the Rust side by `measureProviderRoundTrips`. Excluded from the normal run; the script runs
 * it with `-Dgroups=benchmark`.
 */
@Tag("benchmark")
class RoundTripBenchmark {
    private val iterations = 10_000u

    init {
        // Before the first call into the core, which creates the callbacks' native stubs.
        CoreThreads.keepAttachedForProviders()
    }

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
            val subscription = bridge.subscribe(object : TokenRequestListener {
                override fun onAccessTokenRequest(request: AccessTokenRequest) {
                    CoreThreads.keepCurrentAttached()
                    bridge.resolve(request.requestId, "constant-token")
                }
            })
            report("bridge-direct", bridge.asProvider())
            subscription.close()
        }

        // (c) The bridge, answered from another thread, as the RN module would after JS replies.
        val answerer = Executors.newSingleThreadExecutor { Thread(it, "answerer").apply { isDaemon = true } }
        try {
            TokenRequestBridge(5_000UL).use { bridge ->
                val subscription = bridge.subscribe(object : TokenRequestListener {
                    override fun onAccessTokenRequest(request: AccessTokenRequest) {
                        CoreThreads.keepCurrentAttached()
                        answerer.execute { bridge.resolve(request.requestId, "constant-token") }
                    }
                })
                report("bridge-executor", bridge.asProvider())
                subscription.close()
            }
        } finally {
            answerer.shutdown()
        }
    }
}
