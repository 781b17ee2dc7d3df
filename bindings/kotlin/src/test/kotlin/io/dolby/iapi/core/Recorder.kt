package io.dolby.iapi.core

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

/**
 * A Kotlin [NativeModuleEvents] that records every event in order, as the Android module's
 * events emit them to JS. The core calls it on its own threads, so everything is thread safe.
 * Token requests are queued for the test to answer ([nextRequest]) unless [answer] is set, which
 * then handles each one inside the callback (the core allows answering there).
 */
open class Recorder : NativeModuleEvents {
    /** Requests not yet taken by [nextRequest]. */
    val requests = LinkedBlockingQueue<AccessTokenRequest>()

    /** Every request, with the thread that delivered it. */
    val allRequests = CopyOnWriteArrayList<Pair<AccessTokenRequest, Thread>>()
    val statuses = CopyOnWriteArrayList<NativeConferenceStatusChange>()
    val participants = CopyOnWriteArrayList<NativeParticipantsChange>()
    val permissions = CopyOnWriteArrayList<NativePermissionsChange>()
    val connection = CopyOnWriteArrayList<NativeConnectionState>()
    val token = CopyOnWriteArrayList<NativeTokenState>()
    val logs = CopyOnWriteArrayList<NativeLogRecord>()
    val platformLog = CopyOnWriteArrayList<NativeLogRecord>()

    /** Both log callbacks in the order they came: ("platform" | "onLog", record). */
    val logCalls = CopyOnWriteArrayList<Pair<String, NativeLogRecord>>()

    /** The name of every callback, in order (what "no event after shutdown" counts). */
    val calls = CopyOnWriteArrayList<String>()

    @Volatile
    var answer: ((AccessTokenRequest) -> Unit)? = null

    override fun onAccessTokenRequest(request: AccessTokenRequest) {
        calls += "onAccessTokenRequest"
        allRequests += request to Thread.currentThread()
        answer?.invoke(request) ?: requests.add(request)
    }
    override fun onConferenceStatusChange(change: NativeConferenceStatusChange) {
        calls += "onConferenceStatusChange"
        statuses += change
    }
    override fun onParticipantsChange(change: NativeParticipantsChange) {
        calls += "onParticipantsChange"
        participants += change
    }
    override fun onPermissionsChange(change: NativePermissionsChange) {
        calls += "onPermissionsChange"
        permissions += change
    }
    override fun onConnectionStateChange(state: NativeConnectionState) {
        calls += "onConnectionStateChange"
        connection += state
    }
    override fun onTokenStateChange(state: NativeTokenState) {
        calls += "onTokenStateChange"
        token += state
    }
    override fun onLog(record: NativeLogRecord) {
        calls += "onLog"
        logCalls += "onLog" to record
        logs += record
    }
    override fun writePlatformLog(record: NativeLogRecord) {
        calls += "writePlatformLog"
        logCalls += "platform" to record
        platformLog += record
    }

    /** The next queued token request; fails after [timeoutMs] without one. */
    suspend fun nextRequest(timeoutMs: Long = 10_000): AccessTokenRequest = withContext(Dispatchers.IO) {
        requests.poll(timeoutMs, TimeUnit.MILLISECONDS) ?: throw AssertionError("no access token request within $timeoutMs ms")
    }

    /** Waits for a participants change matching [pred] (seen before or after this call). */
    suspend fun awaitParticipant(what: String, pred: (NativeParticipantsChange) -> Boolean): NativeParticipantsChange {
        until("$what (participants: $participants)") { participants.any(pred) }
        return participants.first(pred)
    }
}
