/**
 * A minimal customer token server for the example app (the pattern of demo/demo.mjs): it holds
 * the consumer key and secret, asks the platform's token endpoint for a token on each
 * `GET /token`, and answers `{ "access_token": "..." }`. The app never sees the secret.
 *
 *   node scripts/token-server.mjs          (or: npm run token-server)
 *
 * Environment (defaults in brackets):
 *   IAPI_PLATFORM_URL  the platform, e.g. the local emulator   [http://127.0.0.1:8080]
 *   IAPI_KEY / IAPI_SECRET  the app's consumer key and secret   [example-key / example-secret]
 *   IAPI_TOKEN_TTL     token lifetime in seconds (expires_in)   [platform default]
 *   PORT / HOST        where this server listens                [8090 / 127.0.0.1]
 *                      (HOST=0.0.0.0 for a physical device on the same network)
 *
 * No dependencies; Node 18+ (global fetch). Logs one line per request, never the token.
 */
import http from 'node:http';

const platformUrl = (process.env.IAPI_PLATFORM_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
const key = process.env.IAPI_KEY || 'example-key';
const secret = process.env.IAPI_SECRET || 'example-secret';
const ttl = process.env.IAPI_TOKEN_TTL;
const port = Number(process.env.PORT || 8090);
const host = process.env.HOST || '127.0.0.1';
const basic = Buffer.from(`${key}:${secret}`).toString('base64');

const server = http.createServer(async (req, res) => {
  const started = Date.now();
  const log = (status) =>
    console.log(`${new Date().toISOString()} ${req.method} ${req.url} -> ${status} (${Date.now() - started} ms)`);
  if (req.method !== 'GET' || req.url.split('?')[0] !== '/token') {
    res.writeHead(404).end();
    log(404);
    return;
  }
  try {
    const body = new URLSearchParams({ grant_type: 'client_credentials' });
    if (ttl) body.set('expires_in', ttl);
    const platform = await fetch(`${platformUrl}/v1/oauth2/token`, {
      method: 'POST',
      headers: {
        'authorization': `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: body.toString(),
    });
    const json = await platform.json().catch(() => ({}));
    res.writeHead(platform.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(platform.ok ? { access_token: json.access_token } : json));
    log(platform.status);
  } catch (error) {
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: `platform unreachable: ${error.message}` }));
    log(502);
  }
});

server.listen(port, host, () => {
  const { port: actual } = server.address();
  console.log(`token server: http://${host}:${actual}/token -> ${platformUrl}/v1/oauth2/token (key ${key})`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
