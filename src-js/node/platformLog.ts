import type { NativeLogRecord } from '../NativeDolbyIoIAPI';

/** The prefix of every line the Node host writes to the console, so it is recognisable. */
export const PLATFORM_LOG_PREFIX = '[DolbyIoIAPI]';

/** Where each level goes: errors to `console.error`, warnings to `console.warn`, and so on. */
function write(level: string, line: string): void {
  switch (level) {
    case 'ERROR':
      return console.error(line);
    case 'WARN':
      return console.warn(line);
    case 'INFO':
      return console.info(line);
    default:
      return console.debug(line);
  }
}

/**
 * The Node host's platform log: the console. The core decides which records come here (at or
 * above the level, unless `setLogLevel(level, { platformLog: false })`) and scrubs them; this
 * only picks the console method by level and formats the line
 * `[DolbyIoIAPI] LEVEL target: message`, as logcat and unified logging show level and
 * category beside the message.
 */
export function writePlatformLog(record: NativeLogRecord): void {
  const dropped =
    record.dropped !== undefined && record.dropped > 0
      ? ` (${record.dropped} earlier records dropped)`
      : '';
  const line = `${PLATFORM_LOG_PREFIX} ${record.level} ${record.target}: ${record.message}${dropped}`;
  write(record.level, line);
}
