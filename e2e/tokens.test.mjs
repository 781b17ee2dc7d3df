// The token lifecycle through the TypeScript API: the refresh callback, isExpired, failures,
// single flight, callback replacement, credentials. Real core, real emulator.
import DolbyIoIAPI, {
  DolbyIoIAPIError,
  ErrorCode,
} from '@dolbyio/react-native-iapi-sdk/node';
import {
  KEY,
  SECRET,
  alignToSecond,
  deferred,
  recordingCallback,
  rejectionOf,
  secondsLeft,
  sleep,
  configureQuietly,
  setUpEmulatorAndCore,
} from './helpers.mjs';

// A fresh core (no token, no session) for each test.
const emu = setUpEmulatorAndCore();

describe('isExpired', () => {
  test('a null token asks the callback with isExpired=true before initializeToken resolves', async () => {
    const { callback, calls } = recordingCallback(() => emu.mint(KEY, 60));
    await expect(DolbyIoIAPI.initializeToken(null, callback)).resolves.toBe(
      true
    );
    expect(calls.map((c) => c.isExpired)).toEqual([true]);
  });

  test('an expired token asks with isExpired=true', async () => {
    const expired = await emu.mint(KEY, -5);
    const { callback, calls } = recordingCallback(() => emu.mint(KEY, 60));
    await expect(DolbyIoIAPI.initializeToken(expired, callback)).resolves.toBe(
      true
    );
    expect(calls.map((c) => c.isExpired)).toEqual([true]);
  });

  test('an undecodable token asks with isExpired=true', async () => {
    const { callback, calls } = recordingCallback(() => emu.mint(KEY, 60));
    await DolbyIoIAPI.initializeToken('not-a-jwt', callback);
    expect(calls.map((c) => c.isExpired)).toEqual([true]);
  });

  test('a valid token is used as is: no callback until its refresh is due', async () => {
    const { callback, calls } = recordingCallback(() => emu.mint(KEY, 60));
    await DolbyIoIAPI.initializeToken(await emu.mint(KEY, 60), callback);
    await DolbyIoIAPI.session.open({ name: 'valid' });
    await DolbyIoIAPI.session.close();
    expect(calls).toEqual([]);
  });

  test('a 2 s token is refreshed proactively at half the time it had left (jittered up to 1/6 earlier) with isExpired=false', async () => {
    await alignToSecond();
    const token = await emu.mint(KEY, 2);
    const minted = Date.now();
    const first = deferred();
    const { callback, calls } = recordingCallback((_isExpired, n) => {
      if (n === 1) first.resolve();
      return emu.mint(KEY, 60);
    });
    await DolbyIoIAPI.initializeToken(token, callback);
    expect(calls).toEqual([]);
    await first.promise;
    const elapsed = calls[0].at - minted;
    expect(calls[0].isExpired).toBe(false);
    expect(elapsed).toBeGreaterThanOrEqual(600); // 1000 - 2000 / 6, less timer slack
    expect(elapsed).toBeLessThan(1400);
    // The new token (60 s) ends the old schedule: no call at 3/4 or at expiry.
    await sleep(1300);
    expect(calls).toHaveLength(1);
  });
});

describe('failed refreshes', () => {
  test.each([
    ['throws', () => Promise.reject(new Error('backend down'))],
    ['returns an empty string', async () => ''],
    ['returns a blank string', async () => '   '],
    ['returns undefined', async () => undefined],
    ['returns a non-JWT string', async () => 'definitely-not-a-jwt'],
  ])(
    'a callback that %s fails initializeToken with TOKEN_REFRESH_FAILED',
    async (_what, answer) => {
      const error = await rejectionOf(
        DolbyIoIAPI.initializeToken(null, answer)
      );
      expect(error).toBeInstanceOf(DolbyIoIAPIError);
      expect(error.code).toBe(ErrorCode.TOKEN_REFRESH_FAILED);
      expect(error.message).toMatch(/refresh/i);
    }
  );

  test("the callback's reason reaches the message, a returned token never does", async () => {
    const secretish = await emu.mint(KEY, 60);
    const error = await rejectionOf(
      DolbyIoIAPI.initializeToken(null, () =>
        Promise.reject(new Error(`upstream said no ${secretish}`))
      )
    );
    expect(error.code).toBe(ErrorCode.TOKEN_REFRESH_FAILED);
    expect(error.message).toContain('upstream said no');
    expect(error.message).not.toContain(secretish);
  });

  test('a callback that never answers fails after the callback timeout', async () => {
    await configureQuietly({ baseUrl: emu.baseUrl, callbackTimeoutMs: 300 });
    const started = Date.now();
    const error = await rejectionOf(
      DolbyIoIAPI.initializeToken(null, () => new Promise(() => {}))
    );
    expect(error.code).toBe(ErrorCode.TIMEOUT);
    expect(error.message).toMatch(/300 ms/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test('after a failed first refresh, a call asks the callback again', async () => {
    const { callback, calls } = recordingCallback(async (_isExpired, n) =>
      n === 1 ? '' : emu.mint(KEY, 60)
    );
    expect(
      (await rejectionOf(DolbyIoIAPI.initializeToken(null, callback))).code
    ).toBe(ErrorCode.TOKEN_REFRESH_FAILED);
    const me = await DolbyIoIAPI.session.open({ name: 'second chance' });
    expect(typeof me.id).toBe('string');
    expect(calls.map((c) => c.isExpired)).toEqual([true, true]);
    await DolbyIoIAPI.session.close();
  });
});

describe('single flight', () => {
  test('100 concurrent calls on an expired token invoke the callback once', async () => {
    // A 2 s token whose scheduled refreshes (1 s, 1.5 s, 2 s) all fail: at 2.3 s it has
    // expired and the next scheduled retry is ~1 s away. Then 100 concurrent session.open.
    let failing = true;
    const gate = deferred();
    const { callback, calls } = recordingCallback(async () => {
      if (failing) throw new Error('customer backend down');
      await gate.promise; // hold the refresh so every caller joins it
      return emu.mint(KEY, 60);
    });
    await alignToSecond();
    const token = await emu.mint(KEY, 2);
    const minted = Date.now();
    await DolbyIoIAPI.initializeToken(token, callback);
    await sleep(2300 - (Date.now() - minted));
    expect(secondsLeft(token)).toBeLessThan(0);
    const scheduled = calls.length;
    expect(scheduled).toBeGreaterThanOrEqual(1);

    failing = false;
    const opens = Array.from({ length: 100 }, (_, i) =>
      DolbyIoIAPI.session
        .open({ name: `caller ${i}`, externalId: 'storm' })
        .then(
          (participant) => ({ participant }),
          (error) => ({ error })
        )
    );
    await sleep(200);
    gate.resolve();
    const outcomes = await Promise.all(opens);

    const burst = calls.slice(scheduled);
    expect(burst).toHaveLength(1);
    expect(burst[0].isExpired).toBe(true);
    // Exactly one open wins; the other 99 find a session (being) opened.
    const won = outcomes.filter((o) => o.participant);
    const lost = outcomes.filter((o) => o.error);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(99);
    expect(new Set(lost.map((o) => o.error.code))).toEqual(
      new Set([ErrorCode.INVALID_STATE])
    );
    expect(await DolbyIoIAPI.session.isOpen()).toBe(true);
    await DolbyIoIAPI.session.close();
  });

  test('a revoked token: 20 concurrent 401s share one refresh (isExpired=false)', async () => {
    const token = await emu.mint(KEY, 60);
    const { callback, calls } = recordingCallback(() => emu.mint(KEY, 60));
    await DolbyIoIAPI.initializeToken(token, callback);
    await emu.revoke(token);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        DolbyIoIAPI.session.open({ externalId: 'revoked' })
      )
    );
    expect(calls.map((c) => c.isExpired)).toEqual([false]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === 'rejected')) {
      expect(o.reason.code).toBe(ErrorCode.INVALID_STATE);
    }
    await DolbyIoIAPI.session.close();
  });
});

describe('initialization', () => {
  test('a second initializeToken replaces the callback', async () => {
    const first = recordingCallback(() => emu.mint(KEY, 60));
    const second = recordingCallback(() => emu.mint(KEY, 60));
    await DolbyIoIAPI.initializeToken(null, first.callback);
    await DolbyIoIAPI.initializeToken(null, second.callback);
    expect(first.calls).toHaveLength(1);
    expect(second.calls).toHaveLength(1);

    // A forced refresh (revoked token -> 401) goes to the second callback only.
    await DolbyIoIAPI.session.open({ name: 'replaced' });
    const current = await emu.mint(KEY, 60);
    const third = recordingCallback(() => emu.mint(KEY, 60));
    await DolbyIoIAPI.initializeToken(current, third.callback);
    await emu.revoke(current);
    await DolbyIoIAPI.session.close();
    expect(first.calls).toHaveLength(1);
    expect(second.calls).toHaveLength(1);
    expect(third.calls.map((c) => c.isExpired)).toEqual([false]);
  });

  test('initialize with the key and secret works; no callback is involved', async () => {
    const { callback, calls } = recordingCallback(() => emu.mint(KEY, 60));
    await DolbyIoIAPI.initializeToken(null, callback);
    await expect(DolbyIoIAPI.initialize(KEY, SECRET)).resolves.toBe(true);
    const me = await DolbyIoIAPI.session.open({ name: 'by key' });
    expect(typeof me.id).toBe('string');
    await DolbyIoIAPI.session.close();
    expect(calls).toHaveLength(1); // only the initializeToken's own first call
  });

  test('wrong credentials give UNAUTHORIZED, without the secret in the message', async () => {
    const error = await rejectionOf(
      DolbyIoIAPI.initialize(KEY, 'wrong-secret-value')
    );
    expect(error).toBeInstanceOf(DolbyIoIAPIError);
    expect(error.code).toBe(ErrorCode.UNAUTHORIZED);
    expect(error.message).not.toContain('wrong-secret-value');
  });

  test('blank credentials give INVALID_ARGUMENT', async () => {
    expect((await rejectionOf(DolbyIoIAPI.initialize('', SECRET))).code).toBe(
      ErrorCode.INVALID_ARGUMENT
    );
    expect((await rejectionOf(DolbyIoIAPI.initialize(KEY, '  '))).code).toBe(
      ErrorCode.INVALID_ARGUMENT
    );
  });
});
