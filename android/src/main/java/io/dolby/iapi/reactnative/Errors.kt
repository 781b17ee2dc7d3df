package io.dolby.iapi.reactnative

import io.dolby.iapi.core.IapiException
import io.dolby.iapi.core.NativeError
import io.dolby.iapi.core.nativeError
import kotlinx.coroutines.CancellationException

/** A failure as JS sees it: the core's errors as the core describes them, never a bare "error". */
internal fun jsError(e: Throwable): NativeError = when (e) {
    is IapiException -> nativeError(e)
    is CancellationException -> NativeError("CANCELLED", "cancelled: the module was invalidated", null, null)
    is CoreLoadException -> NativeError("INVALID_STATE", e.message, null, null)
    else -> NativeError("INVALID_STATE", "internal error: ${e.javaClass.simpleName}", null, null) // never its message
}

/** `libiapi_core.so` could not be loaded or failed uniffi's checks: every call rejects with this. */
internal class CoreLoadException(cause: Throwable) : RuntimeException(
    "DolbyIoIAPI: the SDK's native core (libiapi_core.so) could not be loaded " +
        "(${cause.javaClass.simpleName}). The installed @dolbyio/react-native-iapi-sdk has no " +
        "android/src/main/jniLibs/<abi>/libiapi_core.so for this device's ABI, or it does not match the " +
        "package's bindings: reinstall a released version of the package and rebuild the app.",
    cause,
) {
    override val message: String get() = super.message!!
}
