package io.dolby.iapi.reactnative

import io.dolby.iapi.core.IapiException
import io.dolby.iapi.core.errorCode
import kotlinx.coroutines.CancellationException

/** A code and a readable, secret-free message for any failure of a module call. */
internal data class ModuleError(val code: String, val message: String)

internal fun moduleError(e: Throwable): ModuleError = when (e) {
    // The code comes from the core (errorCode), the one mapping shared by every platform.
    is IapiException -> ModuleError(errorCode(e), describe(e))
    is CancellationException -> ModuleError(ErrorCodes.CANCELLED, "cancelled: the module was invalidated")
    // Never a bare "error": anything unexpected is reported as an internal invalid state,
    // without its message (which could hold anything).
    else -> ModuleError(ErrorCodes.INVALID_STATE, "internal error: ${e.javaClass.simpleName}")
}

/**
 * The message of a core error. uniffi's generated `IapiException.message` is `reason=...`; this
 * restates the core's Display text (rust-core/src/error.rs). The core's reasons are already
 * redacted, so nothing secret reaches JS.
 */
private fun describe(e: IapiException): String = when (e) {
    is IapiException.InvalidArgument -> "invalid argument: ${e.reason}"
    is IapiException.NotInitialized -> "the SDK is not initialized: call initialize or initializeToken first"
    is IapiException.InvalidState -> "invalid state: ${e.reason}"
    is IapiException.Unauthorized -> "unauthorized: ${e.reason}"
    is IapiException.TokenRefreshFailed -> "token refresh failed: ${e.reason}"
    is IapiException.Timeout -> "timed out: ${e.what}"
    is IapiException.Network -> "network error: ${e.reason}"
    is IapiException.Server -> "server error ${e.status}: ${e.reason}"
    is IapiException.Cancelled -> "cancelled: ${e.reason}"
}
