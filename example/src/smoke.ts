/**
 * Marker lines for automated runs: CI greps logcat (tag ReactNativeJS) or the simulator's log
 * for them. Each is one console.log line starting with `IAPI_SMOKE `.
 */
export type SmokeMarker =
  | 'token-callback'
  | 'session-open'
  | 'conference-join'
  | 'participant-event'
  | 'done'
  | 'error';

export function smokeLog(marker: SmokeMarker, detail = ''): void {
  console.log(`IAPI_SMOKE ${marker}${detail ? ` ${detail}` : ''}`);
}

/** The parameters of an `iapiexample://smoke?tokenUrl=...&alias=...` link, or null. */
export function parseSmokeUrl(
  url: string | null | undefined,
  prefix: string
): { tokenUrl?: string; alias?: string } | null {
  if (!url || !url.startsWith(prefix)) return null;
  const query = url.slice(prefix.length).replace(/^\/?\??/, '');
  const params: { tokenUrl?: string; alias?: string } = {};
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const [key = '', value = ''] = pair.split('=');
    const decoded = decodeURIComponent(value.replace(/\+/g, ' '));
    if (key === 'tokenUrl' && decoded) params.tokenUrl = decoded;
    if (key === 'alias' && decoded) params.alias = decoded;
  }
  return params;
}
