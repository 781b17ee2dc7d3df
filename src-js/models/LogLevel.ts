/**
 * How much the SDK logs (`DolbyIoIAPI.setLogLevel`). Each level includes the ones above it:
 * `WARN` (the default) gives errors and warnings, `TRACE` everything.
 */
export enum LogLevel {
  /** Nothing. */
  OFF = 'OFF',
  /** Failures the app should know of. */
  ERROR = 'ERROR',
  /** Something went wrong and the SDK copes (a failed refresh it retries, a dropped connection). The default. */
  WARN = 'WARN',
  /** What the SDK decided: token refreshes, connections, the platform clock offset. */
  INFO = 'INFO',
  /** More detail: refresh plans, reconnect backoff, each HTTP request (method, path, status, duration). */
  DEBUG = 'DEBUG',
  /** Everything, for chasing a bug. */
  TRACE = 'TRACE',
}
