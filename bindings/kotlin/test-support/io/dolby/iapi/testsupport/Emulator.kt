package io.dolby.iapi.testsupport

// Shared by the bindings tests (bindings/kotlin) and the Android module tests (android/jvm-test):
// both poms add this folder to their test sources.

import io.dolby.iapi.core.IapiConfig
import io.dolby.iapi.core.configForBaseUrl
import org.junit.jupiter.api.extension.AfterAllCallback
import org.junit.jupiter.api.extension.AfterEachCallback
import org.junit.jupiter.api.extension.BeforeAllCallback
import org.junit.jupiter.api.extension.ExtensionContext
import java.io.File
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.util.concurrent.TimeUnit

const val KEY = "app-key"
const val SECRET = "app-secret"

/**
 * One real `iapi-emulator` process per test class (register it as a static `@RegisterExtension`).
 * The binary path comes from the `iapi.emulator` system property that Surefire sets. Faults are
 * cleared after each test so tests of one class do not see each other's leftovers.
 */
class EmulatorExtension(private vararg val extraArgs: String) :
    BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    private var process: Process? = null
    lateinit var baseUrl: String
        private set

    private val http: HttpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()

    override fun beforeAll(context: ExtensionContext) {
        val bin = System.getProperty("iapi.emulator")
            ?: error("system property iapi.emulator is not set (run through Maven/Surefire)")
        check(File(bin).canExecute()) { "$bin is not executable: run cargo build -p iapi-emulator" }
        val p = ProcessBuilder(listOf(bin, "--port", "0", "--app", "$KEY:$SECRET") + extraArgs)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .also { it.environment()["IAPI_EMULATOR_QUIET"] = "1" }
            .start()
        process = p
        val reader = p.inputStream.bufferedReader()
        val first = reader.readLine() ?: error("the emulator exited before listening (exit ${p.waitFor()})")
        baseUrl = Regex("^listening on (http://127\\.0\\.0\\.1:\\d+)$").find(first.trim())?.groupValues?.get(1)
            ?: error("unexpected first emulator line: $first")
        // Keep draining stdout so the emulator can never block on a full pipe.
        Thread({ reader.useLines { it.forEach { } } }, "emulator-stdout").apply { isDaemon = true }.start()
    }

    override fun afterEach(context: ExtensionContext) = clearFaults()

    override fun afterAll(context: ExtensionContext) {
        process?.let {
            it.destroy() // SIGTERM: the emulator exits 0
            if (!it.waitFor(5, TimeUnit.SECONDS)) it.destroyForcibly()
        }
        process = null
    }

    /** A config for this emulator; every field but the URLs keeps its default. */
    fun config(): IapiConfig = configForBaseUrl(baseUrl)

    /** A signed JWT for [KEY] valid for [ttlSecs] seconds (negative: already expired). */
    fun mint(ttlSecs: Long): String {
        val body = control("POST", "/_control/mint", """{"appKey":"$KEY","ttlSecs":$ttlSecs}""")
        return Regex("\"accessToken\"\\s*:\\s*\"([^\"]+)\"").find(body)?.groupValues?.get(1)
            ?: error("no accessToken in $body")
    }

    fun revoke(token: String) {
        control("POST", "/_control/revoke", """{"token":"$token"}""")
    }

    /** Queues a fault on `token`, `identify` or `logout` for the next [times] requests. */
    fun fault(route: String, kind: String, status: Int? = null, latencyMs: Long? = null, times: Int = 1) {
        val fields = buildList {
            add("\"route\":\"$route\"")
            add("\"kind\":\"$kind\"")
            status?.let { add("\"status\":$it") }
            latencyMs?.let { add("\"latencyMs\":$it") }
            add("\"times\":$times")
        }
        control("POST", "/_control/faults", fields.joinToString(",", "{", "}"))
    }

    fun clearFaults() {
        control("DELETE", "/_control/faults", null)
    }

    /** Requests that reached `token`, `identify` or `logout` so far. */
    fun counter(route: String): Int {
        val body = control("GET", "/_control/counters", null)
        return Regex("\"$route\"\\s*:\\s*(\\d+)").find(body)?.groupValues?.get(1)?.toInt()
            ?: error("no $route counter in $body")
    }

    /** Event WebSockets open now (`GET /_control/ws`). */
    fun openSockets(): Int {
        val body = control("GET", "/_control/ws", null)
        return Regex("\"open\"\\s*:\\s*(\\d+)").find(body)?.groupValues?.get(1)?.toInt()
            ?: error("no open count in $body")
    }

    /** Drops every event WebSocket with no close frame (`POST /_control/ws/drop`); returns how many. */
    fun dropSockets(): Int {
        val body = control("POST", "/_control/ws/drop", null)
        return Regex("\"dropped\"\\s*:\\s*(\\d+)").find(body)?.groupValues?.get(1)?.toInt()
            ?: error("no dropped count in $body")
    }

    /** Polls [openSockets] until it is [n] (sessions connect their sockets in the background). */
    fun awaitSockets(n: Int, timeoutMs: Long = 10_000) {
        val deadline = System.nanoTime() + timeoutMs * 1_000_000
        var open = openSockets()
        while (open != n) {
            check(System.nanoTime() < deadline) { "expected $n open event WebSockets, have $open" }
            Thread.sleep(20)
            open = openSockets()
        }
    }

    private fun control(method: String, path: String, json: String?): String {
        val request = HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(10))
            .header("content-type", "application/json")
            .method(method, json?.let { HttpRequest.BodyPublishers.ofString(it) } ?: HttpRequest.BodyPublishers.noBody())
            .build()
        val response = http.send(request, HttpResponse.BodyHandlers.ofString())
        check(response.statusCode() == 200) { "$method $path -> ${response.statusCode()} ${response.body()}" }
        return response.body()
    }
}
