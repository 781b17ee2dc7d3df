package io.dolby.iapi.reactnative

import android.util.Log
import com.facebook.react.bridge.Arguments
import com.facebook.react.bridge.LifecycleEventListener
import com.facebook.react.bridge.Promise
import com.facebook.react.bridge.ReactApplicationContext
import com.facebook.react.bridge.ReadableArray
import com.facebook.react.bridge.ReadableMap
import com.facebook.react.module.annotations.ReactModule
import io.dolby.iapi.core.IapiConfig

/**
 * The `DolbyIoIAPI` TurboModule: React glue only. It extends the codegen-generated
 * [NativeDolbyIoIAPISpec] (from src-js/NativeDolbyIoIAPI.ts), converts ReadableMap/WritableMap
 * to plain Kotlin values and delegates every method to [DolbyIoIAPIModuleCore] (which calls the
 * core's NativeModuleHost). Android's own APIs live here too: the core's platform log records go
 * to logcat ([writeLogcat]), the module's failures to [Log.w].
 *
 * Development builds can point the SDK at another platform host (e.g. the local emulator) by
 * calling [configure] before React Native starts (in `Application.onCreate`).
 */
@ReactModule(name = NativeDolbyIoIAPISpec.NAME)
class DolbyIoIAPIModule(reactContext: ReactApplicationContext) :
    NativeDolbyIoIAPISpec(reactContext), LifecycleEventListener {

    private val core = DolbyIoIAPIModuleCore(
        config = settings,
        events = ::emit,
        log = { message, cause -> Log.w(NAME, message, cause) },
    )

    init {
        // Timers stop while the app is in the background: re-evaluate the token on resume.
        reactContext.addLifecycleEventListener(this)
    }

    override fun onHostResume() = core.resume()

    override fun onHostPause() {}

    override fun onHostDestroy() {}

    private fun emit(event: ModuleEvent) {
        if (event.name == "writePlatformLog") return writeLogcat(event.payload) // not for JS
        val payload = Arguments.makeNativeMap(event.payload)
        when (event.name) {
            "onAccessTokenRequest" -> emitOnAccessTokenRequest(payload)
            "onConferenceStatusChange" -> emitOnConferenceStatusChange(payload)
            "onParticipantsChange" -> emitOnParticipantsChange(payload)
            "onPermissionsChange" -> emitOnPermissionsChange(payload)
            "onConnectionStateChange" -> emitOnConnectionStateChange(payload)
            "onTokenStateChange" -> emitOnTokenStateChange(payload)
            "onLog" -> emitOnLog(payload)
            else -> error("not an event of the spec: ${event.name}")
        }
    }

    override fun initialize(consumerKey: String, consumerSecret: String, promise: Promise) =
        core.initialize(consumerKey, consumerSecret, promise.wrap())

    override fun initializeToken(accessToken: String?, promise: Promise) =
        core.initializeToken(accessToken, promise.wrap())

    override fun resolveAccessTokenRequest(requestId: String, accessToken: String) =
        core.resolveAccessTokenRequest(requestId, accessToken)

    override fun rejectAccessTokenRequest(requestId: String, reason: String) =
        core.rejectAccessTokenRequest(requestId, reason)

    override fun getTokenState(promise: Promise) = core.getTokenState(promise.wrap())

    override fun setLogLevel(level: String, platformLog: Boolean, promise: Promise) =
        core.setLogLevel(level, platformLog, promise.wrap())

    override fun sessionOpen(info: ReadableMap?, promise: Promise) =
        core.sessionOpen(info?.toHashMap(), promise.wrap())

    override fun sessionClose(promise: Promise) = core.sessionClose(promise.wrap())

    override fun sessionIsOpen(promise: Promise) = core.sessionIsOpen(promise.wrap())

    override fun sessionGetParticipant(promise: Promise) = core.sessionGetParticipant(promise.wrap())

    override fun sessionGetConnectionState(promise: Promise) = core.sessionGetConnectionState(promise.wrap())

    override fun conferenceCreate(options: ReadableMap?, promise: Promise) =
        core.conferenceCreate(options?.toHashMap(), promise.wrap())

    override fun conferenceFetch(conferenceId: String, promise: Promise) =
        core.conferenceFetch(conferenceId, promise.wrap())

    override fun conferenceCurrent(promise: Promise) = core.conferenceCurrent(promise.wrap())

    override fun conferenceJoin(conferenceId: String, options: ReadableMap?, promise: Promise) =
        core.conferenceJoin(conferenceId, options?.toHashMap(), promise.wrap())

    override fun conferenceLeave(options: ReadableMap?, promise: Promise) =
        core.conferenceLeave(options?.toHashMap(), promise.wrap())

    override fun conferenceGetParticipants(conferenceId: String, promise: Promise) =
        core.conferenceGetParticipants(conferenceId, promise.wrap())

    override fun conferenceGetParticipant(participantId: String, promise: Promise) =
        core.conferenceGetParticipant(participantId, promise.wrap())

    override fun conferenceGetStatus(conferenceId: String, promise: Promise) =
        core.conferenceGetStatus(conferenceId, promise.wrap())

    override fun conferenceKick(participantId: String, promise: Promise) =
        core.conferenceKick(participantId, promise.wrap())

    override fun conferenceMute(participantId: String, isMuted: Boolean, promise: Promise) =
        core.conferenceMute(participantId, isMuted, promise.wrap())

    override fun conferenceIsMuted(promise: Promise) = core.conferenceIsMuted(promise.wrap())

    override fun conferenceUpdatePermissions(participantPermissions: ReadableArray, promise: Promise) =
        core.conferenceUpdatePermissions(participantPermissions.toArrayList(), promise.wrap())

    override fun invalidate() {
        reactApplicationContext.removeLifecycleEventListener(this)
        core.invalidate()
        super.invalidate()
    }

    companion object {
        const val NAME = NativeDolbyIoIAPISpec.NAME

        @Volatile
        private var settings: IapiConfig = IapiConfig()

        /**
         * Overrides the platform hosts for modules created after this call (development only:
         * production apps never call it). [baseUrl] must be https, or http on a loopback host
         * such as the local emulator; null restores the production hosts. A bad URL rejects the
         * module's calls with INVALID_ARGUMENT.
         */
        @JvmStatic
        @JvmOverloads
        fun configure(baseUrl: String?, callbackTimeoutMs: Long? = null) {
            val defaults = IapiConfig()
            settings = defaults.copy(
                authBaseUrl = baseUrl ?: defaults.authBaseUrl,
                apiBaseUrl = baseUrl ?: defaults.apiBaseUrl,
                callbackTimeoutMs = callbackTimeoutMs?.toULong() ?: defaults.callbackTimeoutMs,
            )
        }
    }
}

/**
 * A core log record (the `writePlatformLog` event, with `onLog`'s keys) to logcat, tag `DolbyIoIAPI`, as
 * "target: message". The core chose and scrubbed the record; only its level becomes a priority (TRACE is VERBOSE).
 */
internal fun writeLogcat(record: Map<String, Any?>) {
    val priority = when (record["level"]) {
        "ERROR" -> Log.ERROR
        "WARN" -> Log.WARN
        "INFO" -> Log.INFO
        "DEBUG" -> Log.DEBUG
        else -> Log.VERBOSE
    }
    Log.println(priority, "DolbyIoIAPI", "${record["target"]}: ${record["message"]}")
}

/** React's Promise as a [ModulePromise]: the values are plain Kotlin, made native here. */
private fun Promise.wrap(): ModulePromise = object : ModulePromise {
    override fun resolve(value: Any?) = this@wrap.resolve(toNative(value))
    override fun reject(code: String, message: String, cause: Throwable?, userInfo: Map<String, Any?>?) =
        this@wrap.reject(code, message, cause, userInfo?.let { Arguments.makeNativeMap(it) })
}

@Suppress("UNCHECKED_CAST")
private fun toNative(value: Any?): Any? = when (value) {
    is Map<*, *> -> Arguments.makeNativeMap(value as Map<String, Any?>)
    is List<*> -> Arguments.makeNativeArray(value)
    else -> value
}
