package io.dolby.iapi.reactnative

import io.dolby.iapi.core.*
import kotlinx.coroutines.*
import java.util.concurrent.atomic.AtomicBoolean

/**
 * The `DolbyIoIAPI` TurboModule without React: each spec method converts its arguments, runs the
 * core's [NativeModuleHost] method (the contract of src-js/NativeDolbyIoIAPI.ts lives there) on
 * this object's scope and settles its promise once; the host's events go to [events].
 */
class DolbyIoIAPIModuleCore @JvmOverloads constructor(
    private val config: IapiConfig,
    private val events: ModuleEventSink,
    private val log: ModuleLog = { _, _ -> },
) {
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default + // a promise that throws: logged, no crash
        CoroutineExceptionHandler { _, e -> log("DolbyIoIAPI: settling a promise threw", e) })
    private val lock = Any()
    private var host: NativeModuleHost? = null
    private var loadFailure: CoreLoadException? = null
    private var invalidated = false

    /** Created by the first call, which loads `libiapi_core.so`: if it cannot, every call rejects INVALID_STATE. */
    private fun host(): NativeModuleHost = synchronized(lock) {
        if (invalidated) throw CancellationException(INVALIDATED)
        host ?: loadFailure?.let { throw it } ?: try {
            NativeModuleHost(config, Events(events, log)).also { host = it }
        } catch (e: Throwable) { // LinkageError, or uniffi's contract checks (RuntimeException)
            if (e !is LinkageError && e !is RuntimeException) throw e
            throw CoreLoadException(e).also { loadFailure = it; log(it.message, e) }
        }
    }

    fun initialize(consumerKey: String, consumerSecret: String, promise: ModulePromise) =
        call(promise) { initialize(consumerKey, consumerSecret) }
    fun initializeToken(accessToken: String?, promise: ModulePromise) = call(promise) { initializeToken(accessToken) }
    fun resolveAccessTokenRequest(requestId: String, accessToken: String) = ifAlive { it.resolveAccessTokenRequest(requestId, accessToken) }
    fun rejectAccessTokenRequest(requestId: String, reason: String) = ifAlive { it.rejectAccessTokenRequest(requestId, reason) }
    fun getTokenState(promise: ModulePromise) = call(promise, ::tokenStateMap) { getTokenState() }
    fun setLogLevel(level: String, platformLog: Boolean, promise: ModulePromise) = call(promise) { setLogLevel(level, platformLog) }

    fun sessionOpen(info: Map<String, Any?>?, promise: ModulePromise) =
        call(promise, ::participantMap) { sessionOpen(info?.let(::participantInfo)) }
    fun sessionClose(promise: ModulePromise) = call(promise) { sessionClose() }
    fun sessionIsOpen(promise: ModulePromise) = call(promise) { sessionIsOpen() }
    fun sessionGetParticipant(promise: ModulePromise) = call(promise, ::participantMap) { sessionGetParticipant() }
    fun sessionGetConnectionState(promise: ModulePromise) = call(promise, ::connectionStateMap) { sessionGetConnectionState() }

    fun conferenceCreate(options: Map<String, Any?>?, promise: ModulePromise) =
        call(promise, ::conferenceMap) { conferenceCreate(options?.let(::createOptions)) }
    fun conferenceFetch(conferenceId: String, promise: ModulePromise) = call(promise, ::conferenceMap) { conferenceFetch(conferenceId) }
    fun conferenceCurrent(promise: ModulePromise) = call(promise, { it?.let(::conferenceMap) }) { conferenceCurrent() }
    fun conferenceJoin(conferenceId: String, options: Map<String, Any?>?, promise: ModulePromise) =
        call(promise, ::conferenceMap) { conferenceJoin(conferenceId, options?.let(::joinOptions)) }
    fun conferenceLeave(options: Map<String, Any?>?, promise: ModulePromise) = call(promise) { conferenceLeave(leaveRoom(options)) }
    fun conferenceGetParticipants(conferenceId: String, promise: ModulePromise) =
        call(promise, { it.map(::participantMap) }) { conferenceGetParticipants(conferenceId) }
    fun conferenceGetParticipant(participantId: String, promise: ModulePromise) =
        call(promise, ::participantMap) { conferenceGetParticipant(participantId) }
    fun conferenceGetStatus(conferenceId: String, promise: ModulePromise) = call(promise) { conferenceGetStatus(conferenceId) }
    fun conferenceKick(participantId: String, promise: ModulePromise) = call(promise) { conferenceKick(participantId) }
    fun conferenceMute(participantId: String, isMuted: Boolean, promise: ModulePromise) =
        call(promise) { conferenceMute(participantId, isMuted) }
    fun conferenceIsMuted(promise: ModulePromise) = call(promise) { conferenceIsMuted() }
    fun conferenceUpdatePermissions(participantPermissions: List<Any?>, promise: ModulePromise) =
        call(promise) { conferenceUpdatePermissions(permissions(participantPermissions)) }

    /** The app is in the foreground again: the core re-evaluates its token. Never loads the core. */
    fun resume() = ifAlive { it.resume() }

    /** The React instance is going away: no event after this returns, running calls end CANCELLED. Idempotent. */
    fun invalidate() {
        val host = synchronized(lock) {
            if (invalidated) return
            invalidated = true
            this.host.also { this.host = null }
        }
        host?.shutdown(INVALIDATED)
        scope.cancel(INVALIDATED)
        scope.coroutineContext.job.invokeOnCompletion { host?.close() } // once no call of this scope uses it
    }

    /** Runs [block] on the host, if there is one (a concurrent invalidate() may close it). */
    private inline fun ifAlive(block: (NativeModuleHost) -> Unit) {
        val host = synchronized(lock) { this.host } ?: return
        try { block(host) } catch (_: IllegalStateException) {}
    }

    /** Runs [block] on the host on this module's scope; [promise] settles once, with [convert]'s value (null for Unit). */
    private fun <T> call(promise: ModulePromise, convert: (T) -> Any? = { it.takeUnless { it is Unit } },
        block: suspend NativeModuleHost.() -> T) {
        val settled = AtomicBoolean()
        val reject = { e: Throwable -> if (settled.compareAndSet(false, true)) reject(promise, e) }
        val host = try { host() } catch (e: Throwable) { return reject(e) }
        scope.launch {
            val value = try { convert(host.block()) } catch (e: Throwable) { return@launch reject(e) }
            if (settled.compareAndSet(false, true)) promise.resolve(value)
        }.invokeOnCompletion { cause -> cause?.let(reject) } // also when cancelled before it ran
    }

    private fun reject(promise: ModulePromise, e: Throwable) {
        if (e !is IapiException && e !is CancellationException) log("DolbyIoIAPI: unexpected failure", e)
        val error = jsError(e)
        val userInfo = jsObject("status" to error.status?.toInt(), "platformCode" to error.platformCode)
        promise.reject(error.code, error.message, e, userInfo.ifEmpty { null })
    }
}

private const val INVALIDATED = "the module was invalidated"

/** The host's events (and platform log records, for the glue), on core threads. A failed emit throws: the core counts it undelivered. */
private class Events(private val sink: ModuleEventSink, private val log: ModuleLog) : NativeModuleEvents {
    override fun onAccessTokenRequest(request: AccessTokenRequest) =
        emit("onAccessTokenRequest", mapOf("requestId" to request.requestId, "isExpired" to request.isExpired))
    override fun onConferenceStatusChange(change: NativeConferenceStatusChange) =
        emit("onConferenceStatusChange", mapOf("conferenceId" to change.conferenceId, "status" to change.status))
    override fun onParticipantsChange(change: NativeParticipantsChange) = emit("onParticipantsChange",
        mapOf("conferenceId" to change.conferenceId, "participant" to participantMap(change.participant), "event" to change.event))
    override fun onPermissionsChange(change: NativePermissionsChange) =
        emit("onPermissionsChange", mapOf("conferenceId" to change.conferenceId, "permissions" to change.permissions))
    override fun onConnectionStateChange(state: NativeConnectionState) = emit("onConnectionStateChange", connectionStateMap(state))
    override fun onTokenStateChange(state: NativeTokenState) = emit("onTokenStateChange", tokenStateMap(state))
    override fun onLog(record: NativeLogRecord) = emit("onLog", logRecordMap(record))
    override fun writePlatformLog(record: NativeLogRecord) = emit("writePlatformLog", logRecordMap(record))

    private fun emit(name: String, payload: Map<String, Any?>) {
        keepCoreThreadAttached()
        try {
            sink.emit(ModuleEvent(name, payload))
        } catch (e: Throwable) {
            log("DolbyIoIAPI: could not emit $name", e)
            throw IllegalStateException("could not emit $name")
        }
    }
}

/**
 * Keeps the calling core thread attached to the JVM after a callback (JNA `Native.detach(false)`): attaching on each
 * callback was most of a token request's round trip (p50 186 us; ~50 us attached). Safe: only the core's own threads
 * call back (Tokio workers living as long as the process, pool threads that exit after 10 s idle; JNA detaches on exit).
 */
private fun keepCoreThreadAttached() = runCatching { com.sun.jna.Native.detach(false) } // an optimisation only
