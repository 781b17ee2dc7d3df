package io.dolby.iapi.reactnative

import android.util.Log
import io.dolby.iapi.core.IapiException
import io.dolby.iapi.core.NativeConference
import io.dolby.iapi.core.NativeConferenceCreateOptions
import io.dolby.iapi.core.NativeConferenceJoinOptions
import io.dolby.iapi.core.NativeConferenceParameters
import io.dolby.iapi.core.NativeParticipant
import io.dolby.iapi.core.NativeConnectionState
import io.dolby.iapi.core.NativeLogRecord
import io.dolby.iapi.core.NativeParticipantPermissions
import io.dolby.iapi.core.NativeTokenRefresh
import io.dolby.iapi.core.NativeTokenState
import io.dolby.iapi.core.ParticipantInfo
import kotlinx.coroutines.CancellationException
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * The module's own job, without a core call: JS values (as ReadableMap.toHashMap gives them:
 * numbers are Doubles, objects Maps, arrays Lists) to the host's records, records back to JS
 * objects with unset keys absent, and failures to JS errors. Values (enum names, ttl) are the
 * core's to validate and pass through unchanged.
 */
class ConversionTest {
    private fun invalid(block: () -> Unit): String = assertThrows<IapiException.InvalidArgument>(block).reason

    @Test
    fun `JS arguments become the host's records, null and absent keys unset`() {
        assertEquals(ParticipantInfo("Ada", null, null), participantInfo(mapOf("name" to "Ada", "avatarUrl" to null)))
        assertEquals(
            NativeConferenceCreateOptions(
                alias = "standup",
                params = NativeConferenceParameters(dolbyVoice = true, ttl = 60.0, videoCodec = "H264"),
            ),
            createOptions(mapOf("alias" to "standup", "params" to mapOf("dolbyVoice" to true, "ttl" to 60.0, "videoCodec" to "H264"))),
        )
        // Values are passed on as they are: the core refuses a negative ttl or an unknown type.
        assertEquals(-1.5, createOptions(mapOf("params" to mapOf("ttl" to -1.5))).params!!.ttl)
        assertEquals(60.0, createOptions(mapOf("params" to mapOf("ttl" to 60))).params!!.ttl, "an Int is a number")
        assertEquals(NativeConferenceCreateOptions(), createOptions(emptyMap()))
        assertEquals(NativeConferenceJoinOptions(null, "user"), joinOptions(mapOf("participantType" to "user")))
        assertEquals(NativeConferenceJoinOptions("a.b.c", null), joinOptions(mapOf("conferenceAccessToken" to "a.b.c")))
        assertEquals(true, leaveRoom(mapOf("leaveRoom" to true)))
        assertEquals(false, leaveRoom(mapOf("leaveRoom" to null)))
        assertEquals(false, leaveRoom(null))
        assertEquals(
            listOf(NativeParticipantPermissions("p", listOf("JOIN", "FLY"))),
            permissions(listOf(mapOf("participantId" to "p", "permissions" to listOf("JOIN", "FLY")))),
        )
    }

    @Test
    fun `a value of the wrong type is INVALID_ARGUMENT naming where it was`() {
        assertEquals("info.name must be a string", invalid { participantInfo(mapOf("name" to 42.0)) })
        assertEquals("options.alias must be a string", invalid { createOptions(mapOf("alias" to 42.0)) })
        assertEquals("options.params must be an object", invalid { createOptions(mapOf("params" to "x")) })
        assertEquals("options.params.ttl must be a number", invalid { createOptions(mapOf("params" to mapOf("ttl" to "60"))) })
        assertEquals(
            "options.params.dolbyVoice must be a boolean",
            invalid { createOptions(mapOf("params" to mapOf("dolbyVoice" to "yes"))) },
        )
        assertEquals("options.participantType must be a string", invalid { joinOptions(mapOf("participantType" to 1.0)) })
        assertEquals("options.leaveRoom must be a boolean", invalid { leaveRoom(mapOf("leaveRoom" to "yes")) })
        assertEquals("participantPermissions[0] must be an object", invalid { permissions(listOf("JOIN")) })
        assertEquals(
            "participantPermissions[1].participantId must be a string",
            invalid { permissions(listOf(mapOf("participantId" to "p", "permissions" to emptyList<String>()), mapOf("permissions" to listOf("JOIN")))) },
        )
        assertEquals(
            "participantPermissions[0].permissions must be an array",
            invalid { permissions(listOf(mapOf("participantId" to "p", "permissions" to "JOIN"))) },
        )
        assertEquals(
            "participantPermissions[0].permissions must hold strings",
            invalid { permissions(listOf(mapOf("participantId" to "p", "permissions" to listOf(1.0)))) },
        )
    }

    @Test
    fun `records become JS objects whose unset keys are absent, never null`() {
        val me = NativeParticipant("p1", ParticipantInfo(name = "Ada"), null, null)
        assertEquals(mapOf("id" to "p1", "info" to mapOf("name" to "Ada")), participantMap(me))
        val bob = NativeParticipant("p2", ParticipantInfo("Bob", "bob-1", "https://a/b.png"), "CONNECTED", "LISTENER")
        assertEquals(
            mapOf(
                "id" to "p2",
                "info" to mapOf("name" to "Bob", "externalId" to "bob-1", "avatarUrl" to "https://a/b.png"),
                "status" to "CONNECTED",
                "type" to "LISTENER",
            ),
            participantMap(bob),
        )
        val conference = NativeConference("c1", null, false, listOf(bob), "JOINED")
        assertEquals(
            mapOf("id" to "c1", "isNew" to false, "participants" to listOf(participantMap(bob)), "status" to "JOINED"),
            conferenceMap(conference),
        )
        assertEquals("standup", conferenceMap(conference.copy(alias = "standup"))["alias"])
    }

    @Test
    fun `state and log records become JS objects whose unset keys are absent, never null`() {
        assertEquals(
            mapOf("state" to "CONNECTED", "sequence" to 2.0),
            connectionStateMap(NativeConnectionState("CONNECTED", null, null, null, 2.0)),
        )
        assertEquals(
            mapOf("state" to "RECONNECTING", "attempt" to 1.0, "retryInMs" to 750.0, "reason" to "NETWORK", "sequence" to 3.0),
            connectionStateMap(NativeConnectionState("RECONNECTING", 1.0, 750.0, "NETWORK", 3.0)),
        )
        assertEquals(mapOf("state" to "NONE", "sequence" to 0.0), tokenStateMap(NativeTokenState("NONE", null, null, null, 0.0)))
        assertEquals(
            mapOf(
                "state" to "VALID", "expiresAt" to 2e12, "nextRefreshAt" to 1.5e12, "sequence" to 4.0,
                "refresh" to mapOf("trigger" to "RETRY", "outcome" to "FAILED", "errorCode" to "TIMEOUT", "errorMessage" to "timed out"),
            ),
            tokenStateMap(NativeTokenState("VALID", 2e12, 1.5e12, NativeTokenRefresh("RETRY", "FAILED", "TIMEOUT", "timed out"), 4.0)),
        )
        assertEquals(
            mapOf("trigger" to "CALL"),
            tokenStateMap(NativeTokenState("REFRESHING", null, null, NativeTokenRefresh("CALL", null, null, null), 5.0))["refresh"],
        )
        assertEquals(
            mapOf("level" to "INFO", "target" to "iapi_core::http", "message" to "GET /x 200", "timestamp" to 1e12),
            logRecordMap(NativeLogRecord("INFO", "iapi_core::http", "GET /x 200", 1e12, null)),
        )
        assertEquals(3.0, logRecordMap(NativeLogRecord("WARN", "t", "m", 1e12, 3.0))["dropped"])
    }

    @Test
    fun `a platform log record goes to logcat as target and message, tag DolbyIoIAPI, priority by level`() {
        val levels = mapOf("ERROR" to Log.ERROR, "WARN" to Log.WARN, "INFO" to Log.INFO, "DEBUG" to Log.DEBUG, "TRACE" to Log.VERBOSE)
        for ((level, priority) in levels) {
            Log.lines.clear()
            writeLogcat(logRecordMap(NativeLogRecord(level, "iapi_core::token", "a $level record", 1e12, null)))
            assertEquals(listOf(Log.Line(priority, "DolbyIoIAPI", "iapi_core::token: a $level record")), Log.lines.toList())
        }
    }

    @Test
    fun `failures become JS errors, never a bare error and never an unexpected message`() {
        val server = jsError(IapiException.Server(503u.toUShort(), 7, "busy"))
        assertEquals(Triple("SERVER", 503.toUShort(), 7), Triple(server.code, server.status, server.platformCode))
        assertEquals("invalid argument: info.name must be a string", jsError(IapiException.InvalidArgument("info.name must be a string")).message)
        assertEquals("CANCELLED", jsError(CancellationException("x")).code)
        val load = jsError(CoreLoadException(UnsatisfiedLinkError("/data/app/secret/path")))
        assertEquals("INVALID_STATE", load.code)
        assertEquals(false, "/data/app" in load.message, load.message)
        val unexpected = jsError(IllegalStateException("could hold a token"))
        assertEquals("INVALID_STATE" to "internal error: IllegalStateException", unexpected.code to unexpected.message)
        assertNull(unexpected.status)
    }
}
