package io.dolby.iapi.reactnative

import io.dolby.iapi.core.AccessTokenProvider
import io.dolby.iapi.core.AccessTokenRequest
import io.dolby.iapi.core.DolbyIoIapi
import io.dolby.iapi.core.IapiConfig
import io.dolby.iapi.core.IapiException
import io.dolby.iapi.core.Participant
import io.dolby.iapi.core.ParticipantInfo
import io.dolby.iapi.core.SessionClient
import io.dolby.iapi.core.TokenRequestBridge
import io.dolby.iapi.core.TokenRequestListener
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.launch
import java.util.concurrent.atomic.AtomicBoolean

/**
 * Everything the `DolbyIoIAPI` TurboModule does, without React: one method per spec method,
 * taking plain Kotlin values and a [ModulePromise], events out through a [ModuleEventSink].
 * [DolbyIoIAPIModule] only converts ReadableMap/WritableMap and delegates here, so this class is
 * what the JVM tests (android/jvm-test) exercise against the real core.
 *
 * - Calls run on a coroutine scope owned by this object; [invalidate] cancels it.
 * - Promises reject with the shared codes (`errorCode` from the core) and readable messages.
 * - Access token requests: the core's [TokenRequestBridge] is the provider given to
 *   `initializeToken`; its listener emits [ModuleEvent.AccessTokenRequest] and JS answers through
 *   [resolveAccessTokenRequest] / [rejectAccessTokenRequest]. Correlation, at-most-once answers,
 *   timeouts and cancellation live in the core.
 * - Nothing is emitted before JS subscribed: the listener is attached only when JS calls
 *   [initializeToken] (JS subscribes to `onAccessTokenRequest` before calling it, see the spec).
 *   Until then the bridge holds any request and delivers it on attach.
 *   A request that cannot be emitted (the sink throws) is rejected at once, so the refresh
 *   fails with TOKEN_REFRESH_FAILED instead of waiting for its timeout.
 */
class DolbyIoIAPIModuleCore @JvmOverloads constructor(
    private val config: IapiConfig,
    private val events: ModuleEventSink,
    private val log: ModuleLog = ModuleLog.NONE,
    dispatcher: CoroutineDispatcher = Dispatchers.Default,
    bridge: TokenRequestBridge? = null,
) {
    private val scope = CoroutineScope(SupervisorJob() + dispatcher + CoroutineName("DolbyIoIAPI"))
    private val lock = Any()
    private var invalidated = false
    private var sdk: DolbyIoIapi? = null
    private var session: SessionClient? = null
    private var listenerAttached = false

    // A test may pass its own bridge to observe it after invalidate(); then it also closes it.
    private val ownsBridge = bridge == null

    // The bridge's own timeout is a backstop: the core times each provider call out after
    // callbackTimeoutMs (TIMEOUT) and then drops the request, so the bridge's rarely fires.
    private val bridge: TokenRequestBridge =
        bridge ?: TokenRequestBridge(config.callbackTimeoutMs + BRIDGE_TIMEOUT_MARGIN_MS)
    private val provider: AccessTokenProvider = this.bridge.asProvider()

    private val listener = object : TokenRequestListener {
        // Called on a core thread: emit and return. Never throw back into the core.
        override fun onAccessTokenRequest(request: AccessTokenRequest) {
            val delivered = !isInvalidated() &&
                emitSafely(ModuleEvent.AccessTokenRequest(request.requestId, request.isExpired))
            if (!delivered) {
                runCatching { this@DolbyIoIAPIModuleCore.bridge.reject(request.requestId, UNDELIVERED) }
            }
        }
    }

    // Initialization and access tokens

    fun initialize(consumerKey: String, consumerSecret: String, promise: ModulePromise) =
        call(promise) { sdk -> sdk.initialize(consumerKey, consumerSecret) }

    fun initializeToken(accessToken: String?, promise: ModulePromise) {
        // JS has subscribed to onAccessTokenRequest by now: requests may be emitted from here on.
        if (!attachTokenListener()) return rejectInvalidated(promise)
        call(promise) { sdk -> sdk.initializeToken(accessToken, provider) }
    }

    /** JS's answer to request [requestId]; ignored when unknown, answered, timed out or cancelled. */
    fun resolveAccessTokenRequest(requestId: String, accessToken: String) {
        ifAlive { bridge.resolve(requestId, accessToken) }
    }

    /** JS's refusal of request [requestId]: that refresh fails with TOKEN_REFRESH_FAILED. */
    fun rejectAccessTokenRequest(requestId: String, reason: String) {
        ifAlive { bridge.reject(requestId, reason) }
    }

    // Session

    /** [info]: `{ name?, externalId?, avatarUrl? }`; resolves a Participant map. */
    fun sessionOpen(info: Map<String, Any?>?, promise: ModulePromise) {
        val participantInfo = try {
            participantInfo(info)
        } catch (e: IllegalArgumentException) {
            return promise.settleOnce().reject(ErrorCodes.INVALID_ARGUMENT, "invalid argument: ${e.message}", e)
        }
        call(promise, ::participantMap) { sdk -> session(sdk).open(participantInfo) }
    }

    fun sessionClose(promise: ModulePromise) = call(promise, { null }) { sdk -> session(sdk).closeSession() }

    fun sessionIsOpen(promise: ModulePromise) = call(promise) { sdk -> session(sdk).isOpen() }

    fun sessionGetParticipant(promise: ModulePromise) =
        call(promise, ::participantMap) { sdk -> session(sdk).participant() }

    // Conference: the core has no conference service yet; the conference issue fills these.

    fun conferenceCreate(options: Map<String, Any?>?, promise: ModulePromise) = noConference(promise)
    fun conferenceFetch(conferenceId: String, promise: ModulePromise) = noConference(promise)
    fun conferenceCurrent(promise: ModulePromise) = noConference(promise)
    fun conferenceJoin(conferenceId: String, options: Map<String, Any?>?, promise: ModulePromise) =
        noConference(promise)
    fun conferenceLeave(options: Map<String, Any?>?, promise: ModulePromise) = noConference(promise)
    fun conferenceGetParticipants(conferenceId: String, promise: ModulePromise) = noConference(promise)
    fun conferenceGetParticipant(participantId: String, promise: ModulePromise) = noConference(promise)
    fun conferenceGetStatus(conferenceId: String, promise: ModulePromise) = noConference(promise)
    fun conferenceKick(participantId: String, promise: ModulePromise) = noConference(promise)
    fun conferenceMute(participantId: String, isMuted: Boolean, promise: ModulePromise) = noConference(promise)
    fun conferenceIsMuted(promise: ModulePromise) = noConference(promise)
    fun conferenceUpdatePermissions(participantPermissions: List<Any?>, promise: ModulePromise) =
        noConference(promise)

    // Lifecycle

    /**
     * The React instance is going away: detach the listener (no event after this returns),
     * cancel every running call (their promises reject with CANCELLED, the core drops the work
     * and its pending token requests), and close the core objects. Idempotent.
     */
    fun invalidate() {
        val (sdk, session) = synchronized(lock) {
            if (invalidated) return
            invalidated = true
            (sdk to session).also {
                this.sdk = null
                this.session = null
            }
        }
        runCatching { bridge.setListener(null) }
        // The token requests JS still owes: the core stops waiting for them now.
        runCatching { bridge.cancelAll("the module was invalidated") }
        scope.cancel("the module was invalidated")
        // uniffi objects count in-flight calls: close() frees the Rust side once they return.
        session?.close()
        sdk?.close()
        provider.let { (it as? AutoCloseable)?.close() }
        if (ownsBridge) bridge.close()
    }

    // Internals

    private fun isInvalidated() = synchronized(lock) { invalidated }

    private inline fun ifAlive(block: () -> Unit) {
        if (isInvalidated()) return
        try {
            block()
        } catch (e: IllegalStateException) {
            // Closed by a concurrent invalidate(): the answer no longer matters.
        }
    }

    /** Attaches the token request listener once; false after [invalidate]. */
    private fun attachTokenListener(): Boolean {
        synchronized(lock) {
            if (invalidated) return false
            if (listenerAttached) return true
            listenerAttached = true
        }
        // Outside the lock: attaching delivers held requests to the listener synchronously.
        bridge.setListener(listener)
        return true
    }

    private fun emitSafely(event: ModuleEvent): Boolean = try {
        events.emit(event)
        true
    } catch (e: Throwable) {
        log.warn("DolbyIoIAPI: could not emit ${event.name}", e)
        false
    }

    /** The SDK object, created on first use from [config]; a bad config rejects that call. */
    private fun sdk(): DolbyIoIapi = synchronized(lock) {
        if (invalidated) throw kotlinx.coroutines.CancellationException("invalidated")
        sdk ?: DolbyIoIapi(config).also { sdk = it }
    }

    private fun session(sdk: DolbyIoIapi): SessionClient = synchronized(lock) {
        session ?: sdk.session().also { session = it }
    }

    /** Runs [block] on the module scope and settles [promise] with its converted result. */
    private fun <T> call(
        promise: ModulePromise,
        convert: (T) -> Any? = { it },
        block: suspend (DolbyIoIapi) -> T,
    ) {
        val once = promise.settleOnce()
        val sdk = try {
            sdk()
        } catch (e: Throwable) {
            return rejectWith(once, e)
        }
        val job = scope.launch {
            val value = try {
                convert(block(sdk))
            } catch (e: Throwable) {
                rejectWith(once, e)
                if (e is kotlinx.coroutines.CancellationException) throw e
                return@launch
            }
            once.resolve(value)
        }
        // A job cancelled before it ran (invalidate() raced this call) still settles its promise.
        job.invokeOnCompletion { cause -> if (cause != null) rejectWith(once, cause) }
    }

    private fun rejectWith(promise: ModulePromise, e: Throwable) {
        val error = moduleError(e)
        if (e !is IapiException && e !is kotlinx.coroutines.CancellationException) {
            log.warn("DolbyIoIAPI: unexpected failure", e)
        }
        promise.reject(error.code, error.message, e)
    }

    private fun rejectInvalidated(promise: ModulePromise) =
        promise.settleOnce().reject(ErrorCodes.CANCELLED, "cancelled: the module was invalidated", null)

    private fun noConference(promise: ModulePromise) {
        if (isInvalidated()) return rejectInvalidated(promise)
        promise.settleOnce().reject(ErrorCodes.INVALID_STATE, "invalid state: conference service not available yet", null)
    }

    companion object {
        internal const val BRIDGE_TIMEOUT_MARGIN_MS = 5_000uL
        internal const val UNDELIVERED = "the access token request could not be delivered to JS"

        /** `{ name?, externalId?, avatarUrl? }` -> ParticipantInfo; absent and null keys are unset. */
        internal fun participantInfo(map: Map<String, Any?>?): ParticipantInfo {
            fun string(key: String): String? = when (val v = map?.get(key)) {
                null -> null
                is String -> v
                else -> throw IllegalArgumentException("info.$key must be a string")
            }
            return ParticipantInfo(name = string("name"), externalId = string("externalId"), avatarUrl = string("avatarUrl"))
        }

        /** Participant -> `{ id, info: { name?, externalId?, avatarUrl? } }`; unset keys are absent, never null. */
        internal fun participantMap(p: Participant): Map<String, Any?> = mapOf(
            "id" to p.id,
            "info" to buildMap {
                p.info.name?.let { put("name", it) }
                p.info.externalId?.let { put("externalId", it) }
                p.info.avatarUrl?.let { put("avatarUrl", it) }
            },
        )
    }
}

/** Wraps a promise so that only its first settlement reaches React (later ones are dropped). */
internal fun ModulePromise.settleOnce(): ModulePromise =
    this as? OncePromise ?: OncePromise(this)

private class OncePromise(private val inner: ModulePromise) : ModulePromise {
    private val settled = AtomicBoolean(false)
    override fun resolve(value: Any?) {
        if (settled.compareAndSet(false, true)) inner.resolve(value)
    }

    override fun reject(code: String, message: String, cause: Throwable?) {
        if (settled.compareAndSet(false, true)) inner.reject(code, message, cause)
    }
}
