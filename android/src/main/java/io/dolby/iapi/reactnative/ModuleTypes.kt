package io.dolby.iapi.reactnative

// React-free types shared by DolbyIoIAPIModuleCore (the logic, unit tested on the JVM) and
// DolbyIoIAPIModule (the thin React glue). Values crossing these interfaces are plain Kotlin:
// String, Boolean, Double, null, Map<String, Any?> and List<Any?>, which the glue turns into
// WritableMap / WritableArray with Arguments.makeNativeMap / makeNativeArray.

/** A JS promise, as the module core sees it. Each one is settled exactly once. */
interface ModulePromise {
    fun resolve(value: Any?)

    /**
     * [code] is one of [ErrorCodes]; [message] never carries a secret. [userInfo] (plain values)
     * becomes the JS error's `userInfo`: `{ status, platformCode? }` for `SERVER` errors.
     */
    fun reject(code: String, message: String, cause: Throwable?, userInfo: Map<String, Any?>? = null)
}

/** Where the module core sends events for JS. Implementations emit and return quickly. */
fun interface ModuleEventSink {
    fun emit(event: ModuleEvent)
}

/** Optional logging hook (android.util.Log in the app; nothing in unit tests). */
fun interface ModuleLog {
    fun warn(message: String, cause: Throwable?)

    companion object {
        val NONE = ModuleLog { _, _ -> }
    }
}

/** An event of the spec (`CodegenTypes.EventEmitter` members of NativeDolbyIoIAPI.ts). */
sealed class ModuleEvent(
    /** The spec's emitter name, e.g. `onAccessTokenRequest`. */
    val name: String,
) {
    /** The payload, with the same keys on every platform. */
    abstract val payload: Map<String, Any?>

    /** `onAccessTokenRequest` `{ requestId, isExpired }`: JS answers with resolve/rejectAccessTokenRequest. */
    data class AccessTokenRequest(val requestId: String, val isExpired: Boolean) :
        ModuleEvent("onAccessTokenRequest") {
        override val payload: Map<String, Any?>
            get() = mapOf("requestId" to requestId, "isExpired" to isExpired)
    }

    /** `onConferenceStatusChange` `{ conferenceId, status }` (`status`: a ConferenceStatus name). */
    data class ConferenceStatusChange(val conferenceId: String, val status: String) :
        ModuleEvent("onConferenceStatusChange") {
        override val payload: Map<String, Any?>
            get() = mapOf("conferenceId" to conferenceId, "status" to status)
    }

    /**
     * `onParticipantsChange` `{ conferenceId, participant, event }`: [participant] has the shape of
     * the REST results (`{ id, info, status, type }`), [change] is "ADDED", "UPDATED" or "REMOVED".
     */
    data class ParticipantsChange(
        val conferenceId: String,
        val participant: Map<String, Any?>,
        val change: String,
    ) : ModuleEvent("onParticipantsChange") {
        override val payload: Map<String, Any?>
            get() = mapOf("conferenceId" to conferenceId, "participant" to participant, "event" to change)
    }

    /** `onPermissionsChange` `{ conferenceId, permissions }`: the local participant's own permissions. */
    data class PermissionsChange(val conferenceId: String, val permissions: List<String>) :
        ModuleEvent("onPermissionsChange") {
        override val payload: Map<String, Any?>
            get() = mapOf("conferenceId" to conferenceId, "permissions" to permissions)
    }
}

/** The shared error codes (rust-core/src/error.rs `codes`, `error.code` in JS). */
object ErrorCodes {
    const val INVALID_ARGUMENT = "INVALID_ARGUMENT"
    const val NOT_INITIALIZED = "NOT_INITIALIZED"
    const val INVALID_STATE = "INVALID_STATE"
    const val UNAUTHORIZED = "UNAUTHORIZED"
    const val TOKEN_REFRESH_FAILED = "TOKEN_REFRESH_FAILED"
    const val TIMEOUT = "TIMEOUT"
    const val NETWORK = "NETWORK"
    const val SERVER = "SERVER"
    const val CANCELLED = "CANCELLED"
}
