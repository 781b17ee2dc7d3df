/**
 * `npm run demo`: the SDK's token lifecycle, live, in Node.
 *
 * Everything is real and local: the Rust core behind the TypeScript API (through the Node
 * host), the IAPI platform emulator as a child process, and a small "customer backend" that
 * holds the key and secret and mints tokens from the emulator. Tokens live 4 s, so the
 * proactive refreshes (1/2 and 3/4 of the time left at receipt, jittered earlier, and at
 * expiry) come every couple of seconds.
 * Phases: first token (isExpired=true) -> proactive refreshes (isExpired=false) -> the
 * customer backend goes down until the token has expired (failed refreshes, then a refresh
 * with isExpired=true) -> the current token is revoked on the platform (a 401, one refresh,
 * the call still succeeds) -> clean shutdown. Exits 0 in 12 to 16 s; Ctrl-C stops it cleanly.
 */
import http from 'node:http';
import { startEmulator } from '../bindings/node/emulator.mjs';
// The repository's Node entry (built by bob into lib/; not part of the published package).
import DolbyIoIAPI, { configure } from '../lib/module/node/index.js';

const KEY = 'demo-key';
const SECRET = 'demo-secret';
const TOKEN_LIFETIME_S = 4;

const started = Date.now();
const stamp = () =>
  `+${((Date.now() - started) / 1000).toFixed(1).padStart(4)}s`;
const say = (text) => console.log(`${stamp()}  ${text}`);
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Seconds until the token's `exp` (negative once expired); the demo decodes it for display only. */
function secondsLeft(token) {
  const payload = JSON.parse(
    Buffer.from(token.split('.')[1], 'base64url').toString('utf8')
  );
  return payload.exp - Date.now() / 1000;
}
const describeLeft = (token) => {
  if (!token) return 'none';
  const left = secondsLeft(token);
  return left >= 0
    ? `${left.toFixed(1)}s left`
    : `expired ${(-left).toFixed(1)}s ago`;
};

// ---------------------------------------------------------------------------------------
// Processes and servers this demo starts; all stopped on exit, error or Ctrl-C.

let emulator = null;
let backend = null;
let cleaning = null;

function cleanup() {
  cleaning ??= (async () => {
    if (backend) await new Promise((done) => backend.close(() => done()));
    if (emulator) await emulator.stop();
  })();
  return cleaning;
}

async function exit(code) {
  try {
    await cleanup();
  } finally {
    process.exit(code);
  }
}

process.once('SIGINT', () => {
  console.log('\nSIGINT: stopping the emulator and the customer server');
  void exit(130);
});
process.once('SIGTERM', () => void exit(143));

// ---------------------------------------------------------------------------------------
// The customer backend: GET /token -> POST {emulator}/v1/oauth2/token with Basic auth.

let backendDownUntil = 0;

function startBackend(platformUrl) {
  const basic = Buffer.from(`${KEY}:${SECRET}`).toString('base64');
  const server = http.createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' || req.url !== '/token') {
        res.writeHead(404).end();
        return;
      }
      if (Date.now() < backendDownUntil) {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'maintenance' }));
        return;
      }
      const platform = await fetch(`${platformUrl}/v1/oauth2/token`, {
        method: 'POST',
        headers: {
          'authorization': `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: `grant_type=client_credentials&expires_in=${TOKEN_LIFETIME_S}`,
      });
      const body = await platform.json();
      res.writeHead(platform.status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(platform.ok ? { access_token: body.access_token } : body)
      );
    } catch (error) {
      res.writeHead(502).end(String(error));
    }
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done(server));
  });
}

// ---------------------------------------------------------------------------------------

async function main() {
  emulator = await startEmulator({ apps: [[KEY, SECRET]] });
  backend = await startBackend(emulator.baseUrl);
  const backendUrl = `http://127.0.0.1:${backend.address().port}/token`;
  say(`emulator       ${emulator.baseUrl} (pid ${emulator.pid})`);
  say(
    `customer server ${backendUrl} (holds the key and secret; tokens live ${TOKEN_LIFETIME_S}s)`
  );

  configure({ baseUrl: emulator.baseUrl, callbackTimeoutMs: 5000 });
  // The demo narrates each refresh itself: the SDK's own warnings about the failed ones (on
  // the console by default, see docs/guides/observability.md) stay off.
  await DolbyIoIAPI.setLogLevel('WARN', { platformLog: false });

  // The app's refresh callback: one line per invocation.
  let current = null;
  let calls = 0;
  const refresh = async (isExpired) => {
    const n = ++calls;
    const old = describeLeft(current);
    const head = `callback #${String(n).padEnd(2)} isExpired=${String(isExpired).padEnd(5)}  old token: ${old.padEnd(17)}`;
    const res = await fetch(backendUrl);
    if (!res.ok) {
      say(`${head} -> customer server answered ${res.status}: refresh failed`);
      throw new Error(`customer server answered ${res.status}`);
    }
    const { access_token } = await res.json();
    current = access_token;
    say(`${head} -> new token, ${secondsLeft(access_token).toFixed(1)}s left`);
    return access_token;
  };

  say('initializeToken(null, callback)');
  await DolbyIoIAPI.initializeToken(null, refresh);
  const me = await DolbyIoIAPI.session.open({
    name: 'Ada',
    externalId: 'ada-1',
  });
  say(`session open: participant ${me.id} (${me.info.name})`);

  // Phase 2: proactive refreshes (isExpired=false) until the 4th token.
  while (calls < 4) await sleep(50);
  await sleep(200);

  // Phase 3: the customer backend goes down until just after this token has expired:
  // refreshes at 1/2, 3/4 and expiry fail, then one with isExpired=true succeeds.
  backendDownUntil = Date.now() + secondsLeft(current) * 1000 + 500;
  say(
    `customer server DOWN for ${((backendDownUntil - Date.now()) / 1000).toFixed(1)}s (until the token has expired)`
  );
  const recoveredAt = calls;
  while (!(
    Date.now() > backendDownUntil &&
    calls > recoveredAt &&
    current &&
    secondsLeft(current) > 1
  )) {
    await sleep(50);
  }
  say('customer server UP again; the token was replaced after its expiry');

  // Phase 4: the platform revokes the current token: the next call gets a 401, the core
  // asks the callback once (the token is not past exp: isExpired=false) and retries.
  await sleep(300);
  await emulator.revoke(current);
  say(
    'platform revoked the current token; session.close() + session.open() ...'
  );
  await DolbyIoIAPI.session.close();
  const again = await DolbyIoIAPI.session.open({
    name: 'Ada',
    externalId: 'ada-1',
  });
  say(
    `session reopened: participant ${again.id} (same external id, same participant), isOpen=${await DolbyIoIAPI.session.isOpen()}`
  );

  // Phase 5: a few more proactive refreshes, then shut down.
  const until = calls + 2;
  while (calls < until) await sleep(50);
  await DolbyIoIAPI.session.close();
  const counters = await emulator.counters();
  say(
    `session closed; callback invocations: ${calls}; platform requests: ${JSON.stringify(counters)}`
  );
}

main().then(
  async () => {
    say('done: stopping the emulator and the customer server');
    await exit(0);
  },
  async (error) => {
    console.error(
      `demo failed: ${error?.code ? `${error.code}: ` : ''}${error?.message ?? error}`
    );
    await exit(1);
  }
);
