import type { LogLevel } from './LogLevel';

/**
 * One log record of the SDK (`DolbyIoIAPI.onLog`). Records are scrubbed before they leave
 * the SDK's core: never a token, key, secret, header or body.
 */
export interface LogRecord {
  /** The record's level (never `OFF`). */
  level: LogLevel;
  /** The part of the SDK that wrote it, e.g. `iapi_core::token::manager`. */
  target: string;
  /** What happened. */
  message: string;
  /** When, on the device clock, in ms since the epoch. */
  timestamp: number;
  /**
   * How many records were dropped just before this one because the app did not keep up;
   * absent when none were.
   */
  dropped?: number;
}

/** Options of `DolbyIoIAPI.setLogLevel`. */
export interface LogLevelOptions {
  /**
   * Whether records at or above the level also go to the platform's log: logcat (tag
   * `DolbyIoIAPI`) on Android, unified logging (subsystem `io.dolby.iapi`) on iOS, the console
   * in Node. Default `true`.
   */
  platformLog?: boolean;
}
