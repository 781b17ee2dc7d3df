package io.dolby.iapi.reactnative

import io.dolby.iapi.core.IapiConfig
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.nio.file.Paths
import java.util.concurrent.TimeUnit

/**
 * A core library that cannot be loaded (an app installed from a package without its .so files,
 * a wrong ABI) must not crash the app: the module is constructed without loading the core, and
 * every call rejects with INVALID_STATE and a message naming the missing library.
 *
 * The test JVM has already loaded the real core (JNA loads a library once per process), so the
 * failing load runs in a fresh JVM with the same class path, where uniffi's library override
 * points at a file that does not exist.
 */
class CoreLoadFailureTest {
    @Test
    fun `a core that cannot load rejects every call with INVALID_STATE instead of crashing`() {
        val java = Paths.get(System.getProperty("java.home"), "bin", "java").toString()
        val process = ProcessBuilder(
            java,
            "-cp", System.getProperty("java.class.path"),
            "-Duniffi.component.iapi_core.libraryOverride=/nonexistent/libiapi_core.so",
            CoreLoadFailureMain::class.java.name,
        ).redirectErrorStream(true).start()
        val output = process.inputStream.bufferedReader().readText()
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output)
        assertEquals(0, process.exitValue(), output)

        val lines = output.lines().filter { it.startsWith("CALL ") }
        val calls = listOf(
            "initialize", "initializeToken", "sessionOpen", "sessionIsOpen",
            "conferenceCreate", "conferenceCurrent", "initializeToken (again)",
        )
        assertEquals(calls, lines.map { it.removePrefix("CALL ").substringBefore(" -> ") }, output)
        for (line in lines) {
            val result = line.substringAfter(" -> ")
            assertTrue(result.startsWith("INVALID_STATE: DolbyIoIAPI: the SDK's native core (libiapi_core.so) could not be loaded (UnsatisfiedLinkError)"), line)
            assertTrue(result.contains("jniLibs"), line)
        }
        assertTrue(output.contains("CONSTRUCTED"), output)
        assertTrue(output.contains("INVALIDATED"), output)
        assertTrue(output.contains("LOG DolbyIoIAPI: the SDK's native core"), output)
    }
}

/** Run in a fresh JVM by [CoreLoadFailureTest]: prints what each call of the module settled with. */
object CoreLoadFailureMain {
    @JvmStatic
    fun main(args: Array<String>) {
        val js = FakeJs().also { it.subscribed = true }
        val core = DolbyIoIAPIModuleCore(
            config = IapiConfig(),
            events = js,
            log = { message, _ -> println("LOG $message") },
        )
        println("CONSTRUCTED")
        fun report(name: String, call: (ModulePromise) -> Unit) {
            val promise = TestPromise()
            call(promise)
            val result = try {
                "resolved ${promise.await(10_000)}"
            } catch (e: Rejection) {
                "${e.code}: ${e.message}"
            }
            println("CALL $name -> $result")
        }
        report("initialize") { core.initialize("key", "secret", it) }
        report("initializeToken") { core.initializeToken(null, it) }
        report("sessionOpen") { core.sessionOpen(mapOf("name" to "Ada"), it) }
        report("sessionIsOpen") { core.sessionIsOpen(it) }
        report("conferenceCreate") { core.conferenceCreate(mapOf("alias" to "standup"), it) }
        report("conferenceCurrent") { core.conferenceCurrent(it) }
        // Answers to token requests are ignored (there is no core to answer).
        core.resolveAccessTokenRequest("1", "token")
        core.rejectAccessTokenRequest("1", "reason")
        report("initializeToken (again)") { core.initializeToken("token", it) }
        core.invalidate()
        println("INVALIDATED")
        check(js.earlyEmits.get() == 0) { "emitted before subscription" }
    }
}
