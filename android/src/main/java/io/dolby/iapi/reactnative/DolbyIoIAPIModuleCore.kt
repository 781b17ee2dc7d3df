package io.dolby.iapi.reactnative

import io.dolby.iapi.core.AccessTokenProvider
import io.dolby.iapi.core.AccessTokenRequest
import io.dolby.iapi.core.Conference
import io.dolby.iapi.core.ConferenceClient
import io.dolby.iapi.core.ConferenceCreateOptions
import io.dolby.iapi.core.ConferenceEvent
import io.dolby.iapi.core.ConferenceEventListener
import io.dolby.iapi.core.ConferenceJoinOptions
import io.dolby.iapi.core.ConferenceParameters
import io.dolby.iapi.core.ConferenceParticipant
import io.dolby.iapi.core.DolbyIoIapi
import io.dolby.iapi.core.IapiConfig
import io.dolby.iapi.core.IapiException
import io.dolby.iapi.core.Participant
import io.dolby.iapi.core.ParticipantInfo
import io.dolby.iapi.core.ParticipantPermissions
import io.dolby.iapi.core.SessionClient
import io.dolby.iapi.core.TokenRequestBridge
import io.dolby.iapi.core.TokenRequestListener
import io.dolby.iapi.core.conferencePermissionFromName
import io.dolby.iapi.core.conferencePermissionName
import io.dolby.iapi.core.conferenceStatusName
import io.dolby.iapi.core.participantStatusName
import io.dolby.iapi.core.participantTypeFromName
import io.dolby.iapi.core.participantTypeName
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.launch
import java.lang.ref.WeakReference
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
 * - Conference events: the core's [ConferenceEventListener] is attached when JS first calls
 *   [sessionOpen] (JS has set the module up, and subscribed, by then; events only flow while a
 *   session is open anyway) and detached by [invalidate]. Each core event becomes
 *   `onParticipantsChange` (ADDED / UPDATED / REMOVED, participant in the REST shape),
 *   `onConferenceStatusChange`, or `onPermissionsChange` when the permissions are the local
 *   participant's own (the spec's payload has no participant id; others' are not emitted).
 * - No event is emitted once [invalidate] has returned: emits and invalidate() serialize on
 *   one lock, and an emit checks the invalidated flag under it.
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
    private var conference: ConferenceClient? = null
    private var listenerAttached = false
    private var conferenceListenerAttached = false

    // Held while emitting; invalidate() takes it after setting `invalidated`, so no emit follows it.
    private val emitLock = Any()

    // A test may pass its own bridge to observe it after invalidate(); then it also closes it.
    private val givenBridge = bridge
    private val ownsBridge get() = givenBridge == null

    /**
     * The core's native library is loaded lazily, on the first call that needs it (the first
     * uniffi object created here loads `libiapi_core.so` through JNA), never while React
     * constructs the module: a library that cannot be loaded (missing from the APK, wrong ABI,
     * checksum mismatch) makes every call reject with [ErrorCodes.INVALID_STATE] and a message
     * saying so ([CoreLoadException]) instead of crashing the app at startup.
     */
    private val loadedCore: Lazy<Result<LoadedCore>> = lazy(LazyThreadSafetyMode.SYNCHRONIZED) {
        try {
            // The bridge's own timeout is a backstop: the core times each provider call out after
            // callbackTimeoutMs (TIMEOUT) and then drops the request, so the bridge's rarely fires.
            val b = givenBridge ?: TokenRequestBridge(config.callbackTimeoutMs + BRIDGE_TIMEOUT_MARGIN_MS)
            Result.success(LoadedCore(b, b.asProvider()))
        } catch (e: LinkageError) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
            Result.failure(CoreLoadException(e).also { log.warn(it.message, e) })
        } catch (e: RuntimeException) { // uniffi's contract version / checksum checks
            Result.failure(CoreLoadException(e).also { log.warn(it.message, e) })
        }
    }

    private class LoadedCore(val bridge: TokenRequestBridge, val provider: AccessTokenProvider)

    /** The loaded core, or [CoreLoadException] (rejected as INVALID_STATE by [call]). */
    private fun native(): LoadedCore = loadedCore.value.getOrThrow()

    /** The loaded core's bridge, or null when the core has not been (or could not be) loaded. */
    private fun loadedBridge(): TokenRequestBridge? =
        if (loadedCore.isInitialized()) loadedCore.value.getOrNull()?.bridge else null

    private val bridge: TokenRequestBridge get() = native().bridge
    private val provider: AccessTokenProvider get() = native().provider

    private val listener = object : TokenRequestListener {
        // Called on a core thread: emit and return. Never throw back into the core.
        override fun onAccessTokenRequest(request: AccessTokenRequest) {
            keepCoreThreadAttached()
            val delivered = emitIfAlive(ModuleEvent.AccessTokenRequest(request.requestId, request.isExpired))
            if (!delivered) {
                runCatching { this@DolbyIoIAPIModuleCore.bridge.reject(request.requestId, UNDELIVERED) }
            }
        }
    }

    private val conferenceListener = ConferenceEvents(this)

    /**
     * The core's conference listener. It holds the module weakly: the core keeps the listener
     * alive in Rust (a GC root), so a module that is never invalidated can still be collected.
     */
    private class ConferenceEvents(module: DolbyIoIAPIModuleCore) : ConferenceEventListener {
        private val module = WeakReference(module)

        // Called on a core thread: emit and return. Never throw back into the core.
        override fun onConferenceEvent(event: ConferenceEvent) {
            keepCoreThreadAttached()
            val module = module.get() ?: return
            try {
                module.moduleEvent(event)?.let(module::emitIfAlive)
            } catch (e: Throwable) {
                module.log.warn("DolbyIoIAPI: could not handle a conference event", e)
            }
        }
    }

    // Initialization and access tokens

    fun initialize(consumerKey: String, consumerSecret: String, promise: ModulePromise) =
        call(promise) { sdk -> sdk.initialize(consumerKey, consumerSecret) }

    fun initializeToken(accessToken: String?, promise: ModulePromise) {
        // JS has subscribed to onAccessTokenRequest by now: requests may be emitted from here on.
        try {
            native() // loads the core first, or throws CoreLoadException
            if (!attachTokenListener()) return rejectInvalidated(promise)
        } catch (e: CoreLoadException) {
            return rejectWith(promise.settleOnce(), e)
        }
        call(promise) { sdk -> sdk.initializeToken(accessToken, provider) }
    }

    /** JS's answer to request [requestId]; ignored when unknown, answered, timed out or cancelled. */
    fun resolveAccessTokenRequest(requestId: String, accessToken: String) {
        ifAlive { loadedBridge()?.resolve(requestId, accessToken) }
    }

    /** JS's refusal of request [requestId]: that refresh fails with TOKEN_REFRESH_FAILED. */
    fun rejectAccessTokenRequest(requestId: String, reason: String) {
        ifAlive { loadedBridge()?.reject(requestId, reason) }
    }

    // Session

    /**
     * [info]: `{ name?, externalId?, avatarUrl? }`; resolves a Participant map. The first call
     * attaches the conference event listener (JS has subscribed by now), before the session's
     * WebSocket opens, so no event of the session is missed.
     */
    fun sessionOpen(info: Map<String, Any?>?, promise: ModulePromise) =
        withArguments(promise, { participantInfo(info) }) { participantInfo ->
            call(promise, ::participantMap) { sdk ->
                attachConferenceListener(sdk)
                session(sdk).open(participantInfo)
            }
        }

    fun sessionClose(promise: ModulePromise) = call(promise, { null }) { sdk -> session(sdk).closeSession() }

    fun sessionIsOpen(promise: ModulePromise) = call(promise) { sdk -> session(sdk).isOpen() }

    fun sessionGetParticipant(promise: ModulePromise) =
        call(promise, ::participantMap) { sdk -> session(sdk).participant() }

    // Conference. Events (onConferenceStatusChange, onParticipantsChange, onPermissionsChange)
    // come from the core's listener, attached by sessionOpen.

    /** [options]: `{ alias?, params?: { dolbyVoice?, liveRecording?, ttl?, videoCodec?, rtcpMode? } }`. */
    fun conferenceCreate(options: Map<String, Any?>?, promise: ModulePromise) =
        withArguments(promise, { createOptions(options) }) { opts ->
            call(promise, ::conferenceMap) { sdk -> conference(sdk).create(opts) }
        }

    fun conferenceFetch(conferenceId: String, promise: ModulePromise) =
        call(promise, ::conferenceMap) { sdk -> conference(sdk).fetch(conferenceId) }

    /** Resolves null when the local participant is in no conference. */
    fun conferenceCurrent(promise: ModulePromise) =
        call(promise, { c: Conference? -> c?.let(::conferenceMap) }) { sdk -> conference(sdk).current() }

    /** [options]: `{ conferenceAccessToken?, participantType? }` (the core refuses a token: unsupported). */
    fun conferenceJoin(conferenceId: String, options: Map<String, Any?>?, promise: ModulePromise) =
        withArguments(promise, { joinOptions(options) }) { opts ->
            call(promise, ::conferenceMap) { sdk -> conference(sdk).join(conferenceId, opts) }
        }

    /** [options]: `{ leaveRoom? }`; `leaveRoom: true` also closes the session. */
    fun conferenceLeave(options: Map<String, Any?>?, promise: ModulePromise) =
        withArguments(promise, { optionalBoolean(options, "leaveRoom", "options") ?: false }) { leaveRoom ->
            call(promise, { null }) { sdk ->
                conference(sdk).leave()
                if (leaveRoom) session(sdk).closeSession()
            }
        }

    fun conferenceGetParticipants(conferenceId: String, promise: ModulePromise) =
        call(promise, { list: List<ConferenceParticipant> -> list.map(::conferenceParticipantMap) }) { sdk ->
            conference(sdk).participants(conferenceId)
        }

    fun conferenceGetParticipant(participantId: String, promise: ModulePromise) =
        call(promise, ::conferenceParticipantMap) { sdk -> conference(sdk).participant(participantId) }

    /** Resolves a ConferenceStatus value, e.g. "JOINED". */
    fun conferenceGetStatus(conferenceId: String, promise: ModulePromise) =
        call(promise, ::conferenceStatusName) { sdk -> conference(sdk).status(conferenceId) }

    fun conferenceKick(participantId: String, promise: ModulePromise) =
        call(promise, { null }) { sdk -> conference(sdk).kick(participantId) }

    /** Resolves the participant's new muted state. */
    fun conferenceMute(participantId: String, isMuted: Boolean, promise: ModulePromise) =
        call(promise) { sdk -> conference(sdk).mute(participantId, isMuted) }

    fun conferenceIsMuted(promise: ModulePromise) = call(promise) { sdk -> conference(sdk).isMuted() }

    /** [participantPermissions]: `[{ participantId, permissions: [ConferencePermission] }]`. */
    fun conferenceUpdatePermissions(participantPermissions: List<Any?>, promise: ModulePromise) =
        withArguments(promise, { permissions(participantPermissions) }) { list ->
            call(promise, { null }) { sdk -> conference(sdk).updatePermissions(list) }
        }

    // Lifecycle

    /**
     * The host activity resumed: timers stopped while the app was in the background, so the core
     * re-evaluates the access token now (a refresh that fell due meanwhile happens at once).
     * Does nothing before the first initialization or after [invalidate]; never loads the core.
     */
    fun resume() {
        synchronized(lock) { if (invalidated) null else sdk }?.let { runCatching { it.resume() } }
    }

    /**
     * The React instance is going away: detach the listener (no event after this returns),
     * cancel every running call (their promises reject with CANCELLED, the core drops the work
     * and its pending token requests), and close the core objects. Idempotent.
     */
    fun invalidate() {
        val (sdk, session, conference) = synchronized(lock) {
            if (invalidated) return
            invalidated = true
            // Under the lock, so a concurrent attach cannot re-attach after this.
            if (conferenceListenerAttached) runCatching { conference?.setListener(null) }
            Triple(sdk, session, conference).also {
                this.sdk = null
                this.session = null
                this.conference = null
            }
        }
        // Waits for an emit in progress; every later one sees `invalidated` and is dropped.
        synchronized(emitLock) {}
        // Never loads the core: a module whose core was never used (or failed to load) has none.
        val native = if (loadedCore.isInitialized()) loadedCore.value.getOrNull() else null
        native?.let { n -> runCatching { n.bridge.setListener(null) } }
        // The token requests JS still owes: the core stops waiting for them now.
        native?.let { n -> runCatching { n.bridge.cancelAll("the module was invalidated") } }
        scope.cancel("the module was invalidated")
        // uniffi objects count in-flight calls: close() frees the Rust side once they return.
        conference?.close()
        session?.close()
        sdk?.close()
        native?.let { n -> (n.provider as? AutoCloseable)?.close() }
        if (ownsBridge) native?.bridge?.close()
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

    /** Attaches the conference event listener once (on the SDK's core: any client of it will do). */
    private fun attachConferenceListener(sdk: DolbyIoIapi) {
        synchronized(lock) {
            if (invalidated) throw kotlinx.coroutines.CancellationException("invalidated")
            if (conferenceListenerAttached) return
            // set_listener only swaps the core's slot (it never calls back): safe under the lock.
            conference(sdk).setListener(conferenceListener)
            conferenceListenerAttached = true
        }
    }

    /** The local participant's id while a session is open, else null. */
    private fun localParticipantId(): String? {
        val session = synchronized(lock) { session } ?: return null
        // participant() fails (InvalidState) when no session is open, or once closed by invalidate().
        return runCatching { session.participant().id }.getOrNull()
    }

    /** The spec's event for a core event; null for another participant's permissions. */
    private fun moduleEvent(event: ConferenceEvent): ModuleEvent? = when (event) {
        is ConferenceEvent.ParticipantAdded ->
            ModuleEvent.ParticipantsChange(event.conferenceId, conferenceParticipantMap(event.participant), ADDED)
        is ConferenceEvent.ParticipantUpdated ->
            ModuleEvent.ParticipantsChange(event.conferenceId, conferenceParticipantMap(event.participant), UPDATED)
        is ConferenceEvent.ParticipantRemoved ->
            ModuleEvent.ParticipantsChange(event.conferenceId, conferenceParticipantMap(event.participant), REMOVED)
        is ConferenceEvent.StatusChanged ->
            ModuleEvent.ConferenceStatusChange(event.conferenceId, conferenceStatusName(event.status))
        is ConferenceEvent.PermissionsUpdated ->
            if (event.participantId == localParticipantId()) {
                ModuleEvent.PermissionsChange(event.conferenceId, event.permissions.map(::conferencePermissionName))
            } else {
                null
            }
    }

    /** Emits [event] unless [invalidate] ran; false when not delivered. */
    private fun emitIfAlive(event: ModuleEvent): Boolean = synchronized(emitLock) {
        !isInvalidated() && emitSafely(event)
    }

    private fun emitSafely(event: ModuleEvent): Boolean = try {
        events.emit(event)
        true
    } catch (e: Throwable) {
        log.warn("DolbyIoIAPI: could not emit ${event.name}", e)
        false
    }

    /** The SDK object, created on first use from [config]; a bad config rejects that call. */
    private fun sdk(): DolbyIoIapi {
        native() // loads the core (outside the lock), or throws CoreLoadException
        return synchronized(lock) {
            if (invalidated) throw kotlinx.coroutines.CancellationException("invalidated")
            sdk ?: DolbyIoIapi(config).also { sdk = it }
        }
    }

    private fun session(sdk: DolbyIoIapi): SessionClient = synchronized(lock) {
        session ?: sdk.session().also { session = it }
    }

    private fun conference(sdk: DolbyIoIapi): ConferenceClient = synchronized(lock) {
        conference ?: sdk.conference().also { conference = it }
    }

    /**
     * Parses JS arguments with [parse], then runs [then]. A malformed argument
     * (IllegalArgumentException, or the core's InvalidArgument from its name parsers) rejects
     * [promise] with INVALID_ARGUMENT before anything runs.
     */
    private inline fun <A> withArguments(promise: ModulePromise, parse: () -> A, then: (A) -> Unit) {
        val args = try {
            parse()
        } catch (e: IllegalArgumentException) {
            return promise.settleOnce().reject(ErrorCodes.INVALID_ARGUMENT, "invalid argument: ${e.message}", e)
        } catch (e: IapiException) {
            return rejectWith(promise.settleOnce(), e)
        }
        then(args)
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
        promise.reject(error.code, error.message, e, error.userInfo)
    }

    private fun rejectInvalidated(promise: ModulePromise) =
        promise.settleOnce().reject(ErrorCodes.CANCELLED, "cancelled: the module was invalidated", null)

    companion object {
        internal const val BRIDGE_TIMEOUT_MARGIN_MS = 5_000uL
        internal const val UNDELIVERED = "the access token request could not be delivered to JS"

        /** The spec's `ParticipantChange` values (`event` of onParticipantsChange). */
        internal const val ADDED = "ADDED"
        internal const val UPDATED = "UPDATED"
        internal const val REMOVED = "REMOVED"

        /** `{ name?, externalId?, avatarUrl? }` -> ParticipantInfo; absent and null keys are unset. */
        internal fun participantInfo(map: Map<String, Any?>?): ParticipantInfo {
            fun string(key: String): String? = when (val v = map?.get(key)) {
                null -> null
                is String -> v
                else -> throw IllegalArgumentException("info.$key must be a string")
            }
            return ParticipantInfo(name = string("name"), externalId = string("externalId"), avatarUrl = string("avatarUrl"))
        }

        private fun optionalString(map: Map<String, Any?>?, key: String, where: String): String? =
            when (val v = map?.get(key)) {
                null -> null
                is String -> v
                else -> throw IllegalArgumentException("$where.$key must be a string")
            }

        private fun optionalBoolean(map: Map<String, Any?>?, key: String, where: String): Boolean? =
            when (val v = map?.get(key)) {
                null -> null
                is Boolean -> v
                else -> throw IllegalArgumentException("$where.$key must be a boolean")
            }

        @Suppress("UNCHECKED_CAST")
        private fun optionalMap(map: Map<String, Any?>?, key: String, where: String): Map<String, Any?>? =
            when (val v = map?.get(key)) {
                null -> null
                is Map<*, *> -> v as Map<String, Any?>
                else -> throw IllegalArgumentException("$where.$key must be an object")
            }

        /** `{ alias?, params? }` -> ConferenceCreateOptions; `ttl` is a whole number of seconds >= 0. */
        internal fun createOptions(map: Map<String, Any?>?): ConferenceCreateOptions {
            val params = optionalMap(map, "params", "options")?.let { p ->
                val ttl = when (val v = p["ttl"]) {
                    null -> null
                    is Number -> {
                        val d = v.toDouble()
                        require(d >= 0 && d <= 9.007199254740991E15 && d == Math.floor(d)) {
                            "options.params.ttl must be a whole number >= 0"
                        }
                        d.toLong().toULong()
                    }
                    else -> throw IllegalArgumentException("options.params.ttl must be a number")
                }
                ConferenceParameters(
                    dolbyVoice = optionalBoolean(p, "dolbyVoice", "options.params"),
                    liveRecording = optionalBoolean(p, "liveRecording", "options.params"),
                    ttl = ttl,
                    videoCodec = optionalString(p, "videoCodec", "options.params"),
                    rtcpMode = optionalString(p, "rtcpMode", "options.params"),
                )
            }
            return ConferenceCreateOptions(alias = optionalString(map, "alias", "options"), params = params)
        }

        /** `{ conferenceAccessToken?, participantType? }` -> ConferenceJoinOptions (type via the core's parser). */
        internal fun joinOptions(map: Map<String, Any?>?): ConferenceJoinOptions {
            // Passed on: the core refuses a conference access token (INVALID_ARGUMENT, unsupported).
            val token = optionalString(map, "conferenceAccessToken", "options")
            val type = optionalString(map, "participantType", "options")?.let(::participantTypeFromName)
            return ConferenceJoinOptions(participantType = type, conferenceAccessToken = token)
        }

        /** `[{ participantId, permissions: [name] }]` -> ParticipantPermissions (names via the core's parser). */
        internal fun permissions(list: List<Any?>): List<ParticipantPermissions> = list.mapIndexed { i, entry ->
            val where = "participantPermissions[$i]"
            require(entry is Map<*, *>) { "$where must be an object" }
            val id = entry["participantId"]
            require(id is String) { "$where.participantId must be a string" }
            val names = entry["permissions"]
            require(names is List<*>) { "$where.permissions must be an array" }
            ParticipantPermissions(
                participantId = id,
                permissions = names.map { name ->
                    require(name is String) { "$where.permissions must hold strings" }
                    conferencePermissionFromName(name)
                },
            )
        }

        private fun infoMap(info: ParticipantInfo): Map<String, Any?> = buildMap {
            info.name?.let { put("name", it) }
            info.externalId?.let { put("externalId", it) }
            info.avatarUrl?.let { put("avatarUrl", it) }
        }

        /** ConferenceParticipant -> `{ id, info, status, type }` (ParticipantStatus / ParticipantType names). */
        internal fun conferenceParticipantMap(p: ConferenceParticipant): Map<String, Any?> = mapOf(
            "id" to p.id,
            "info" to infoMap(p.info),
            "status" to participantStatusName(p.status),
            "type" to participantTypeName(p.participantType),
        )

        /** Conference -> `{ id, alias?, isNew, participants, status }`; a null alias is absent. */
        internal fun conferenceMap(c: Conference): Map<String, Any?> = buildMap {
            put("id", c.id)
            c.alias?.let { put("alias", it) }
            put("isNew", c.isNew)
            put("participants", c.participants.map(::conferenceParticipantMap))
            put("status", conferenceStatusName(c.status))
        }

        /** Participant -> `{ id, info: { name?, externalId?, avatarUrl? } }`; unset keys are absent, never null. */
        internal fun participantMap(p: Participant): Map<String, Any?> = mapOf(
            "id" to p.id,
            "info" to infoMap(p.info),
        )
    }
}

/** Wraps a promise so that only its first settlement reaches React (later ones are dropped). */
internal fun ModulePromise.settleOnce(): ModulePromise =
    this as? OncePromise ?: OncePromise(this)

/**
 * Keeps the calling core thread attached to the JVM when this callback returns. By default JNA
 * attaches a native thread for each callback and detaches it afterwards, which was most of the
 * cost of a token request round trip (Rust -> Kotlin -> Rust p50 186 us; attached: ~50 us).
 * JNA's `Native.detach(false)`: "Generally this is used to avoid detaching native threads when it
 * is known that a given thread will be relatively long-lived and call back to Java code
 * frequently." Safe here because only the core's own threads call these listeners: its two Tokio
 * workers (they live as long as the process) and its blocking pool (idle threads exit after 10 s,
 * and JNA detaches an attached native thread itself when it exits, from a thread-local
 * destructor). On a JVM thread the call only records a flag JNA ignores for JVM threads.
 * Never throws into the core.
 */
private fun keepCoreThreadAttached() {
    try {
        com.sun.jna.Native.detach(false)
    } catch (_: Throwable) {
        // Keeping the thread attached is an optimisation only.
    }
}

private class OncePromise(private val inner: ModulePromise) : ModulePromise {
    private val settled = AtomicBoolean(false)
    override fun resolve(value: Any?) {
        if (settled.compareAndSet(false, true)) inner.resolve(value)
    }

    override fun reject(code: String, message: String, cause: Throwable?, userInfo: Map<String, Any?>?) {
        if (settled.compareAndSet(false, true)) inner.reject(code, message, cause, userInfo)
    }
}
