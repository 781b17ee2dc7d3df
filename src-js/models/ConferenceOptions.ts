import type { ParticipantType } from './ParticipantType';

/** The video codec of a conference. */
export enum Codec {
  /** The VP8 codec. */
  VP8 = 'VP8',
  /** The H.264 codec. */
  H264 = 'H264',
}

/**
 * How the platform adapts the bitrate of a conference's video to its receivers (a setting of
 * the conference; this SDK itself sends no video).
 */
export enum RTCPMode {
  /** The bitrate follows the receiver with the worst network conditions. */
  WORST = 'worst',
  /** The bitrate follows the receivers' average bandwidth. */
  AVERAGE = 'average',
  /** The bitrate does not adapt to the receivers' bandwidth. */
  MAX = 'max',
}

/** The parameters of a new conference. */
export interface ConferenceParameters {
  /** Whether the conference uses Dolby Voice. */
  dolbyVoice?: boolean;
  /** Whether the conference is recorded from the start. */
  liveRecording?: boolean;
  /** Seconds the conference is kept once the last participant left. */
  ttl?: number;
  /** The video codec. */
  videoCodec?: Codec;
  /** The RTCP mode. */
  rtcpMode?: RTCPMode;
}

/** The options of `conference.create`. */
export interface ConferenceCreateOptions {
  /** The conference alias. */
  alias?: string;
  /** The conference parameters. */
  params?: ConferenceParameters;
}

/** The options of `conference.join`. */
export interface ConferenceJoinOptions {
  /**
   * Not supported: any value makes `join` reject with `INVALID_ARGUMENT` (nothing is
   * sent). The platform's Web SDK sends this token, for conferences with enhanced access
   * control, as an `X-conf-access-token` header; this SDK does not implement that.
   */
  conferenceAccessToken?: string;
  /** The role to join with (defaults to `USER`). */
  participantType?: ParticipantType;
}

/** The options of `conference.leave`. */
export interface ConferenceLeaveOptions {
  /** When true, leaving the conference also closes the session. */
  leaveRoom?: boolean;
}
