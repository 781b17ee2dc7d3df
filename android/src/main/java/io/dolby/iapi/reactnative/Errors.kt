package io.dolby.iapi.reactnative

import io.dolby.iapi.core.IapiException
import io.dolby.iapi.core.errorCode
import io.dolby.iapi.core.errorMessage
import kotlinx.coroutines.CancellationException

/** A code and a readable, secret-free message for any failure of a module call. */
internal data class ModuleError(val code: String, val message: String)

internal fun moduleError(e: Throwable): ModuleError = when (e) {
    // Code and message come from the core (errorCode, errorMessage), shared by every platform;
    // uniffi's own exception message only lists fields.
    is IapiException -> ModuleError(errorCode(e), errorMessage(e))
    is CancellationException -> ModuleError(ErrorCodes.CANCELLED, "cancelled: the module was invalidated")
    // Never a bare "error": anything unexpected is reported as an internal invalid state,
    // without its message (which could hold anything).
    else -> ModuleError(ErrorCodes.INVALID_STATE, "internal error: ${e.javaClass.simpleName}")
}
