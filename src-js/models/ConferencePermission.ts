/** A permission a participant can hold in a conference. */
export enum ConferencePermission {
  /** Invite participants. */
  INVITE = 'INVITE',
  /** Join the conference. */
  JOIN = 'JOIN',
  /** Send audio. */
  SEND_AUDIO = 'SEND_AUDIO',
  /** Send video. */
  SEND_VIDEO = 'SEND_VIDEO',
  /** Share a screen. */
  SHARE_SCREEN = 'SHARE_SCREEN',
  /** Share a video. */
  SHARE_VIDEO = 'SHARE_VIDEO',
  /** Share a file. */
  SHARE_FILE = 'SHARE_FILE',
  /** Send messages. */
  SEND_MESSAGE = 'SEND_MESSAGE',
  /** Record the conference. */
  RECORD = 'RECORD',
  /** Stream the conference. */
  STREAM = 'STREAM',
  /** Kick participants. */
  KICK = 'KICK',
  /** Update the permissions of participants. */
  UPDATE_PERMISSIONS = 'UPDATE_PERMISSIONS',
}
