// What the SDK is doing, end to end: the TypeScript API over the Node host, the real core and an
// emulator process. The connection state through a dropped and a refused socket, the token
// state of a token that can no longer be refreshed, and the log records (scrubbed: no token,
// key or secret in any record, nor in the console lines of the Node host's platform log).
import DolbyIoIAPI, {
  ConnectionDropReason,
  ConnectionStatus,
  LogLevel,
  TokenRefreshOutcome,
  TokenRefreshTrigger,
  TokenStatus,
} from '@dolbyio/react-native-iapi-sdk/node';
import {
  KEY,
  SECRET,
  eventLog,
  restParticipant,
  sleep,
  waitFor,
  wsConnected,
  setUpEmulatorAndCore,
} from './helpers.mjs';

// Quiet test output (the core's platform log off): the tests that check the console turn it
// back on.
const emu = setUpEmulatorAndCore();
const offs = [];

beforeEach(async () => {
  await emu.clearFaults();
  await emu.refuseWs(0);
});

afterEach(async () => {
  for (const off of offs.splice(0)) off();
  await DolbyIoIAPI.session.close().catch(() => undefined);
});

/** Subscribes `subscribe(handler)` for this test; returns an eventLog of what it delivers. */
function listen(subscribe) {
  const log = eventLog();
  offs.push(subscribe((event) => log.push(event)));
  return log;
}

/**
 * Captures what the console's error/warn/info/debug methods print until `restore()`, so
 * that the platform log's lines (and the SDK's "a handler threw" reports) can be checked.
 */
function captureConsole() {
  const lines = [];
  const methods = ['error', 'warn', 'info', 'debug', 'log'];
  const saved = methods.map((m) => console[m]);
  for (const m of methods) {
    console[m] = (...args) => lines.push({ method: m, text: args.join(' ') });
  }
  return {
    lines,
    restore: () => methods.forEach((m, i) => (console[m] = saved[i])),
  };
}

const stateOf = (s) => s.state;

describe('connection state', () => {
  test('a dropped socket: RECONNECTING (attempt 1, NETWORK), then CONNECTED; a refused one counts attempts', async () => {
    const states = listen((h) =>
      DolbyIoIAPI.session.onConnectionStateChange(h)
    );
    await emu.dropWs();
    await DolbyIoIAPI.initializeToken(null, () => emu.mint(KEY, 60));
    await DolbyIoIAPI.session.open({ name: 'Ada' });
    await wsConnected(emu);
    await states.next((s) => s.state === ConnectionStatus.CONNECTED, 'up');

    let mark = states.events.length;
    await emu.dropWs();
    const down = await states.next(
      (s) => s.state === ConnectionStatus.RECONNECTING,
      'RECONNECTING',
      mark
    );
    expect(down).toEqual({
      state: ConnectionStatus.RECONNECTING,
      attempt: 1,
      retryInMs: expect.any(Number),
      reason: ConnectionDropReason.NETWORK,
      sequence: expect.any(Number),
    });
    expect(down.retryInMs).toBeGreaterThanOrEqual(0);
    await states.next(
      (s) => s.state === ConnectionStatus.CONNECTED,
      'CONNECTED again',
      mark
    );
    expect(states.events.slice(mark).map(stateOf)).toEqual([
      ConnectionStatus.RECONNECTING,
      ConnectionStatus.CONNECTED,
    ]);

    // Refused handshakes for 1.5 s: one RECONNECTING per attempt, numbered on from the drop
    // above (a connection counts as healthy, and the count starts over, after 10 s up).
    mark = states.events.length;
    await emu.refuseWs(1500, true);
    await states.next(
      (s) => s.state === ConnectionStatus.CONNECTED,
      'CONNECTED after the refusal',
      mark,
      15000
    );
    const outage = states.events.slice(mark, -1);
    expect(outage.length).toBeGreaterThanOrEqual(2);
    expect(outage.map((s) => s.attempt)).toEqual(
      outage.map((_s, i) => down.attempt + 1 + i)
    );
    expect(outage[0].reason).toBe(ConnectionDropReason.NETWORK);
    expect(outage[1].reason).toBe(ConnectionDropReason.SERVER); // the 503
    // Each change once, in order; the getter agrees with the last.
    const sequences = states.events.map((s) => s.sequence);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    expect(new Set(sequences).size).toBe(sequences.length);
    expect(await DolbyIoIAPI.session.getConnectionState()).toEqual(
      states.events[states.events.length - 1]
    );

    await DolbyIoIAPI.session.close();
    await states.next(
      (s) => s.state === ConnectionStatus.DISCONNECTED,
      'DISCONNECTED'
    );
  });
});

describe('token state', () => {
  test('a token the callback can no longer refresh: FAILED while VALID, then EXPIRED (sign in again)', async () => {
    const states = listen((h) => DolbyIoIAPI.onTokenStateChange(h));
    const token = await emu.mint(KEY, 2);
    await DolbyIoIAPI.initializeToken(token, async () => {
      throw new Error('the backend is down');
    });
    const first = await states.next(
      (s) => s.refresh?.outcome === TokenRefreshOutcome.FAILED,
      'a failed proactive refresh'
    );
    expect(first).toMatchObject({
      state: TokenStatus.VALID,
      expiresAt: expect.any(Number),
      refresh: {
        trigger: TokenRefreshTrigger.HALF_LIFE,
        errorCode: 'TOKEN_REFRESH_FAILED',
      },
    });
    const expired = await states.next(
      (s) => s.state === TokenStatus.EXPIRED,
      'EXPIRED',
      0,
      10000
    );
    expect(expired.refresh).toMatchObject({
      outcome: TokenRefreshOutcome.FAILED,
      errorCode: 'TOKEN_REFRESH_FAILED',
    });
    expect([TokenRefreshTrigger.EXPIRY, TokenRefreshTrigger.RETRY]).toContain(
      expired.refresh.trigger
    );
    expect((await DolbyIoIAPI.getTokenState()).state).toBe(TokenStatus.EXPIRED);
  });
});

describe('logs', () => {
  test('at TRACE, a token lifecycle and a conference log records; none holds a token, the key or the secret', async () => {
    const records = listen((h) => DolbyIoIAPI.onLog(h));
    const tokens = [];
    const mint = async (ttl) => {
      const token = await emu.mint(KEY, ttl);
      tokens.push(token);
      return token;
    };
    const consoleLines = captureConsole();
    try {
      await DolbyIoIAPI.setLogLevel(LogLevel.TRACE);
      // The key and secret: the SDK fetches a token with them.
      await DolbyIoIAPI.initialize(KEY, SECRET);
      await DolbyIoIAPI.session.open({ name: 'Ada' });
      await DolbyIoIAPI.session.close();

      // A token lifecycle: a first token asked for, a proactive refresh, a failed one, a 401.
      let fail = false;
      const states = listen((h) => DolbyIoIAPI.onTokenStateChange(h));
      await DolbyIoIAPI.initializeToken(null, async () => {
        if (fail) {
          fail = false;
          throw new Error('backend down');
        }
        return mint(2);
      });
      await states.next(
        (s) =>
          s.refresh?.trigger === TokenRefreshTrigger.HALF_LIFE &&
          s.refresh.outcome === TokenRefreshOutcome.REFRESHED,
        'a proactive refresh',
        0,
        5000
      );
      fail = true;
      await states.next(
        (s) => s.refresh?.outcome === TokenRefreshOutcome.FAILED,
        'a failed refresh',
        0,
        5000
      );
      // A conference, with a revoked token (401, refresh, retry) and a reconnect.
      await emu.dropWs();
      await DolbyIoIAPI.session.open({ name: 'Ada' });
      await wsConnected(emu);
      const conference = await DolbyIoIAPI.conference.create({
        alias: 'observability-trace',
      });
      await DolbyIoIAPI.conference.join(conference);
      const bob = await restParticipant(emu, 'Bob');
      await bob.join(conference.id);
      for (const token of tokens) await emu.revoke(token);
      await DolbyIoIAPI.conference.fetch(conference.id);
      await emu.dropWs();
      await wsConnected(emu);
      await DolbyIoIAPI.conference.leave();
      await DolbyIoIAPI.session.close();
      await sleep(200); // the last records
    } finally {
      consoleLines.restore();
    }

    expect(records.events.length).toBeGreaterThan(20);
    const levels = new Set(records.events.map((r) => r.level));
    for (const level of [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN]) {
      expect([level, levels.has(level)]).toEqual([level, true]);
    }
    for (const r of records.events) {
      expect(r).toEqual({
        level: expect.any(String),
        target: expect.stringMatching(/^iapi_core/),
        message: expect.any(String),
        timestamp: expect.any(Number),
        ...(r.dropped === undefined ? {} : { dropped: expect.any(Number) }),
      });
    }
    const messages = records.events.map((r) => `${r.target} ${r.message}`);
    // Each HTTP request is a record (method, path, status).
    expect(messages.some((m) => /POST \/v1\/oauth2\/token/.test(m))).toBe(true);
    expect(messages.some((m) => /401/.test(m))).toBe(true);

    // The platform log got the same records, recognisable by their prefix.
    const platform = consoleLines.lines.filter((l) =>
      l.text.startsWith('[DolbyIoIAPI] ')
    );
    expect(platform.length).toBeGreaterThanOrEqual(records.events.length / 2);
    expect(platform.some((l) => l.method === 'warn')).toBe(true);
    expect(platform.some((l) => l.method === 'debug')).toBe(true);

    // No secret anywhere: the tokens (or their signature), the key, the secret, their Basic form.
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    const secrets = [
      SECRET,
      Buffer.from(`${KEY}:${SECRET}`).toString('base64'),
      ...tokens,
      ...tokens.map((t) => t.split('.')[2]),
    ];
    const everything = [...messages, ...platform.map((l) => l.text)];
    for (const secret of secrets) {
      const leaks = everything.filter((m) => m.includes(secret));
      expect({ secret: secret.slice(0, 12), leaks }).toEqual({
        secret: secret.slice(0, 12),
        leaks: [],
      });
    }
  });

  test('records below the level are not delivered; platformLog false keeps the console quiet', async () => {
    const records = listen((h) => DolbyIoIAPI.onLog(h));
    const consoleLines = captureConsole();
    try {
      await DolbyIoIAPI.setLogLevel(LogLevel.WARN, { platformLog: false });
      await DolbyIoIAPI.initializeToken(null, () => emu.mint(KEY, 60));
      await DolbyIoIAPI.session.open({ name: 'Ada' });
      await DolbyIoIAPI.session.close();
      await DolbyIoIAPI.initializeToken(null, async () => {
        throw new Error('backend down');
      }).catch(() => undefined);
      await records.next((r) => r.level === LogLevel.WARN, 'a WARN record');
      await sleep(100);
    } finally {
      consoleLines.restore();
    }
    expect(
      records.events.filter(
        (r) => r.level !== LogLevel.WARN && r.level !== LogLevel.ERROR
      )
    ).toEqual([]);
    expect(consoleLines.lines).toEqual([]);
  });

  test('a throwing onLog handler keeps receiving records; the others get them all', async () => {
    let thrown = 0;
    offs.push(
      DolbyIoIAPI.onLog(() => {
        thrown += 1;
        throw new Error('an app bug');
      })
    );
    const records = listen((h) => DolbyIoIAPI.onLog(h));
    const consoleLines = captureConsole();
    try {
      await DolbyIoIAPI.setLogLevel(LogLevel.DEBUG, { platformLog: false });
      await DolbyIoIAPI.initializeToken(null, () => emu.mint(KEY, 60));
      await DolbyIoIAPI.session.open({ name: 'Ada' });
      await DolbyIoIAPI.session.close();
      await waitFor(() => records.events.length >= 3, '3 records');
      await sleep(100);
    } finally {
      consoleLines.restore();
    }
    expect(thrown).toBe(records.events.length);
    expect(
      consoleLines.lines.filter((l) => /an event handler threw/.test(l.text))
    ).toHaveLength(thrown);
  });
});
