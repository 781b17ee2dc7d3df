/**
 * The customer token server pattern (see demo/demo.mjs): the app never holds the consumer key
 * and secret; it asks its own backend, which calls the platform's token endpoint and answers
 * `{ "access_token": "..." }`.
 */
export async function fetchAccessToken(tokenUrl: string): Promise<string> {
  const response = await fetch(tokenUrl);
  if (!response.ok) {
    throw new Error(`token server answered HTTP ${response.status}`);
  }
  const body: unknown = await response.json();
  const token =
    body && typeof body === 'object'
      ? (body as { access_token?: unknown }).access_token
      : undefined;
  if (typeof token !== 'string' || token === '') {
    throw new Error('token server answered without an access_token');
  }
  return token;
}
