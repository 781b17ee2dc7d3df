package android.util

import java.util.concurrent.CopyOnWriteArrayList

/**
 * The JVM tests' stand-in for `android.util.Log`: android-all's `Log` writes through a native method that exists
 * only on a device. Test classes come first on Surefire's class path, so the module's calls (compiled against
 * android-all) land here, and what would have reached logcat is kept in [lines] for the tests to read.
 */
object Log {
    const val VERBOSE = 2
    const val DEBUG = 3
    const val INFO = 4
    const val WARN = 5
    const val ERROR = 6

    /** One line as logcat would hold it. */
    data class Line(val priority: Int, val tag: String, val message: String)

    /** Every line written since the test JVM started (or since the last clear), in order. */
    @JvmField
    val lines = CopyOnWriteArrayList<Line>()

    @JvmStatic
    fun println(priority: Int, tag: String, msg: String): Int {
        lines.add(Line(priority, tag, msg))
        return msg.length
    }

    @JvmStatic
    fun w(tag: String, msg: String, tr: Throwable?): Int = println(WARN, tag, "$msg\n${tr?.stackTraceToString() ?: ""}")
}
