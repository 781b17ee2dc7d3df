package io.dolby.iapi.reactnative

// React-free types shared by DolbyIoIAPIModuleCore and the React glue (DolbyIoIAPIModule). Values
// are plain Kotlin (String, Boolean, Double, null, Map<String, Any?>, List<Any?>), made native by
// the glue with Arguments.makeNativeMap / makeNativeArray.

/** A JS promise, as the module core sees it. Each one is settled exactly once. */
interface ModulePromise {
    fun resolve(value: Any?)

    /** [userInfo] becomes the JS error's `userInfo`: `{ status, platformCode? }` for `SERVER`. */
    fun reject(code: String, message: String, cause: Throwable?, userInfo: Map<String, Any?>? = null)
}

/** One of the spec's events ([name]: its `CodegenTypes.EventEmitter` member), or `writePlatformLog`: a record for logcat. */
data class ModuleEvent(val name: String, val payload: Map<String, Any?>)

/** Where the module core sends events for JS, on core threads. Emit and return quickly. */
fun interface ModuleEventSink {
    fun emit(event: ModuleEvent)
}

/** Optional logging hook (android.util.Log in the app). */
typealias ModuleLog = (message: String, cause: Throwable?) -> Unit
