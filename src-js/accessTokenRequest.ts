import NativeModule from './nativeModule';
import type {
  AccessTokenRequest,
  RefreshAccessTokenInBackgroundType,
  RefreshAccessTokenType,
} from './types';

function describeFailure(error: unknown): string {
  if (error instanceof Error && error.message) {
    return `the refresh callback failed: ${error.message}`;
  }
  if (typeof error === 'string' && error) {
    return `the refresh callback failed: ${error}`;
  }
  return 'the refresh callback failed';
}

/**
 * Runs `refreshAccessToken` and turns its outcome into either a token or the reason
 * why it is not usable. The reason never contains the returned value.
 */
async function obtainToken(
  refreshAccessToken: RefreshAccessTokenType,
  isExpired: boolean
): Promise<{ token: string } | { reason: string }> {
  let value: unknown;
  try {
    value = await refreshAccessToken(isExpired);
  } catch (error) {
    return { reason: describeFailure(error) };
  }
  if (typeof value !== 'string') {
    return {
      reason: `the refresh callback returned ${value === null ? 'null' : typeof value} instead of a token string`,
    };
  }
  if (value.trim().length === 0) {
    return { reason: 'the refresh callback returned an empty token' };
  }
  return { token: value };
}

/**
 * Makes the handler that answers each native `onAccessTokenRequest` with the result of
 * `refreshAccessToken`: exactly one `resolveAccessTokenRequest` or
 * `rejectAccessTokenRequest` per request, by the request's own id.
 */
export function makeAccessTokenRequestHandler(
  refreshAccessToken: RefreshAccessTokenType
): RefreshAccessTokenInBackgroundType {
  return async ({ requestId, isExpired }: AccessTokenRequest) => {
    const outcome = await obtainToken(refreshAccessToken, isExpired);
    try {
      if ('token' in outcome) {
        NativeModule.resolveAccessTokenRequest(requestId, outcome.token);
      } else {
        NativeModule.rejectAccessTokenRequest(requestId, outcome.reason);
      }
    } catch {
      // The native module refused the answer (for example after a reload);
      // the request then times out natively.
    }
  };
}
