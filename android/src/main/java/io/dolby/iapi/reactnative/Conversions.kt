package io.dolby.iapi.reactnative

import io.dolby.iapi.core.*

// JS values (ReadableMap.toHashMap: numbers are Doubles) to the host's records and back. Only
// types are checked here (values are the core's to validate); unset keys are absent, never null.

private fun invalid(message: String) = IapiException.InvalidArgument(message)

/** One JS object, named [where] in errors: null and absent keys are unset, others must have the right type. */
private class Args(private val map: Map<*, *>?, private val where: String) {
    fun string(key: String) = get(key, "a string") { it as? String }
    fun boolean(key: String) = get(key, "a boolean") { it as? Boolean }
    fun number(key: String) = get(key, "a number") { (it as? Number)?.toDouble() }
    fun obj(key: String) = get(key, "an object") { v -> (v as? Map<*, *>)?.let { Args(it, "$where.$key") } }
    private inline fun <T> get(key: String, what: String, cast: (Any) -> T?): T? =
        map?.get(key)?.let { cast(it) ?: throw invalid("$where.$key must be $what") }
}

internal fun participantInfo(map: Map<String, Any?>) =
    Args(map, "info").run { ParticipantInfo(string("name"), string("externalId"), string("avatarUrl")) }

internal fun createOptions(map: Map<String, Any?>) = Args(map, "options").run {
    val params = obj("params")?.run {
        NativeConferenceParameters(boolean("dolbyVoice"), boolean("liveRecording"), number("ttl"), string("videoCodec"), string("rtcpMode"))
    }
    NativeConferenceCreateOptions(string("alias"), params)
}

internal fun joinOptions(map: Map<String, Any?>) =
    Args(map, "options").run { NativeConferenceJoinOptions(string("conferenceAccessToken"), string("participantType")) }

internal fun leaveRoom(options: Map<String, Any?>?) = Args(options, "options").boolean("leaveRoom") ?: false

internal fun permissions(list: List<Any?>) = list.mapIndexed { i, entry ->
    val where = "participantPermissions[$i]"
    val map = entry as? Map<*, *> ?: throw invalid("$where must be an object")
    val id = Args(map, where).string("participantId") ?: throw invalid("$where.participantId must be a string")
    val names = map["permissions"] as? List<*> ?: throw invalid("$where.permissions must be an array")
    NativeParticipantPermissions(id, names.map { it as? String ?: throw invalid("$where.permissions must hold strings") })
}

/** A JS object of [entries] whose value is set: unset keys are absent, never null. */
internal fun jsObject(vararg entries: Pair<String, Any?>): Map<String, Any?> = entries.filter { it.second != null }.toMap()

internal fun participantMap(p: NativeParticipant) = jsObject(
    "id" to p.id,
    "info" to jsObject("name" to p.info.name, "externalId" to p.info.externalId, "avatarUrl" to p.info.avatarUrl),
    "status" to p.status,
    "type" to p.participantType,
)

internal fun conferenceMap(c: NativeConference) = jsObject(
    "id" to c.id,
    "alias" to c.alias,
    "isNew" to c.isNew,
    "participants" to c.participants.map(::participantMap),
    "status" to c.status,
)

internal fun connectionStateMap(s: NativeConnectionState) = jsObject(
    "state" to s.state,
    "attempt" to s.attempt,
    "retryInMs" to s.retryInMs,
    "reason" to s.reason,
    "sequence" to s.sequence,
)

internal fun tokenStateMap(s: NativeTokenState) = jsObject(
    "state" to s.state,
    "expiresAt" to s.expiresAt,
    "nextRefreshAt" to s.nextRefreshAt,
    "refresh" to s.refresh?.run {
        jsObject("trigger" to trigger, "outcome" to outcome, "errorCode" to errorCode, "errorMessage" to errorMessage)
    },
    "sequence" to s.sequence,
)

internal fun logRecordMap(r: NativeLogRecord) = jsObject(
    "level" to r.level,
    "target" to r.target,
    "message" to r.message,
    "timestamp" to r.timestamp,
    "dropped" to r.dropped,
)
