package io.dolby.iapi.reactnative

import io.dolby.iapi.core.IapiException
import io.dolby.iapi.core.errorCode
import io.dolby.iapi.core.errorMessage
import kotlinx.coroutines.CancellationException

/**
 * A code and a readable, secret-free message for any failure of a module call; [userInfo] is the
 * JS error's `userInfo` (`{ status, platformCode? }` for a core `Server` error, else null).
 */
internal data class ModuleError(val code: String, val message: String, val userInfo: Map<String, Any?>? = null)

/** `{ status, platformCode? }` of a core `Server` error: the platform's HTTP status and `error_code`. */
internal fun serverUserInfo(e: IapiException.Server): Map<String, Any?> = buildMap {
    put("status", e.status.toInt())
    e.code?.let { put("platformCode", it) }
}

internal fun moduleError(e: Throwable): ModuleError = when (e) {
    // Code and message come from the core (errorCode, errorMessage), shared by every platform;
    // uniffi's own exception message only lists fields.
    is IapiException.Server -> ModuleError(errorCode(e), errorMessage(e), serverUserInfo(e))
    is IapiException -> ModuleError(errorCode(e), errorMessage(e))
    is CancellationException -> ModuleError(ErrorCodes.CANCELLED, "cancelled: the module was invalidated")
    // The native core could not be loaded: every call rejects with this, the app keeps running.
    is CoreLoadException -> ModuleError(ErrorCodes.INVALID_STATE, e.message)
    // Never a bare "error": anything unexpected is reported as an internal invalid state,
    // without its message (which could hold anything).
    else -> ModuleError(ErrorCodes.INVALID_STATE, "internal error: ${e.javaClass.simpleName}")
}

/**
 * The Rust core (`libiapi_core.so`) could not be loaded or failed uniffi's contract checks.
 * Every call of the module then rejects with `INVALID_STATE` and this message (no secrets: it
 * names the library and the loader's error type only, not its path-bearing text).
 */
internal class CoreLoadException(cause: Throwable) : RuntimeException(
    "DolbyIoIAPI: the SDK's native core (libiapi_core.so) could not be loaded " +
        "(${cause.javaClass.simpleName}). The installed @dolbyio/react-native-iapi-sdk has no " +
        "android/src/main/jniLibs/<abi>/libiapi_core.so for this device's ABI, or it does not match the " +
        "package's bindings: reinstall a released version of the package and rebuild the app.",
    cause,
) {
    override val message: String get() = super.message!!
}
