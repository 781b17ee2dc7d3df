import { DolbyIoIAPI } from '../DolbyIoIAPI';
import { DolbyIoIAPIError, ErrorCode } from '../errors';
import { deferred, flush } from './helpers/deferred';
import { useFakeNativeModule } from './helpers/setup';

jest.mock(
  '../nativeModule',
  () => require('./helpers/nativeModuleMock').mockModule
);

const native = useFakeNativeModule();

describe('initializeToken refresh flow', () => {
  it.each([true, false])(
    'passes isExpired=%s to the callback and resolves the request with its token',
    async (isExpired) => {
      const sdk = new DolbyIoIAPI();
      const callback = jest.fn(async () => 'token-1');
      await expect(sdk.initializeToken('jwt', callback)).resolves.toBe(true);
      expect(native.fake.initializeToken).toHaveBeenCalledWith('jwt');

      const { requestId, answer } = native.fake.requestAccessToken(isExpired);
      await expect(answer).resolves.toEqual({ requestId, token: 'token-1' });
      expect(callback).toHaveBeenCalledTimes(1);
      expect(callback).toHaveBeenCalledWith(isExpired);
    }
  );

  it('passes a null access token to native', async () => {
    const sdk = new DolbyIoIAPI();
    await sdk.initializeToken(null, async () => 'token');
    expect(native.fake.initializeToken).toHaveBeenCalledWith(null);
  });

  it('subscribes before native initializeToken, which may request a token first', async () => {
    const sdk = new DolbyIoIAPI();
    native.fake.runNext('initializeToken', async () => {
      const { answer } = native.fake.requestAccessToken(true);
      const result = await answer;
      return 'token' in result && result.token === 'first';
    });
    await expect(sdk.initializeToken(null, async () => 'first')).resolves.toBe(
      true
    );
  });

  it('replaces the callback on a second initializeToken and removes the old subscription', async () => {
    const sdk = new DolbyIoIAPI();
    const first = jest.fn(async () => 'old');
    const second = jest.fn(async () => 'new');
    await sdk.initializeToken('a', first);
    expect(native.fake.listenerCount('onAccessTokenRequest')).toBe(1);
    await sdk.initializeToken('b', second);
    expect(native.fake.listenerCount('onAccessTokenRequest')).toBe(1);
    expect(native.fake.onAccessTokenRequest).toHaveBeenCalledTimes(2);

    const { requestId, answer } = native.fake.requestAccessToken(false);
    await expect(answer).resolves.toEqual({ requestId, token: 'new' });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith(false);
    expect(native.fake.answers).toHaveLength(1);
  });

  it('initialize(key, secret) removes the callback subscription', async () => {
    const sdk = new DolbyIoIAPI();
    const callback = jest.fn(async () => 'token');
    await sdk.initializeToken('a', callback);
    await expect(sdk.initialize('key', 'secret')).resolves.toBe(true);
    expect(native.fake.initialize).toHaveBeenCalledWith('key', 'secret');
    expect(native.fake.listenerCount('onAccessTokenRequest')).toBe(0);
  });

  it('answers concurrent requests by their own id, out of order', async () => {
    const sdk = new DolbyIoIAPI();
    const calls: Array<ReturnType<typeof deferred<string>>> = [];
    await sdk.initializeToken('a', () => {
      const d = deferred<string>();
      calls.push(d);
      return d.promise;
    });
    const one = native.fake.requestAccessToken(true);
    const two = native.fake.requestAccessToken(false);
    expect(calls).toHaveLength(2);

    calls[1]!.resolve('token-two');
    await expect(two.answer).resolves.toEqual({
      requestId: two.requestId,
      token: 'token-two',
    });
    expect(native.fake.answers).toHaveLength(1);

    calls[0]!.resolve('token-one');
    await expect(one.answer).resolves.toEqual({
      requestId: one.requestId,
      token: 'token-one',
    });
    expect(native.fake.answers.map((a) => a.requestId)).toEqual([
      two.requestId,
      one.requestId,
    ]);
  });

  const failing: Array<[string, () => Promise<unknown>, RegExp]> = [
    ['resolves an empty string', async () => '', /empty token/],
    ['resolves a blank string', async () => '   ', /empty token/],
    [
      'resolves undefined',
      async () => undefined,
      /undefined instead of a token/,
    ],
    ['resolves null', async () => null, /null instead of a token/],
    ['resolves a number', async () => 42, /number instead of a token/],
    ['resolves an object', async () => ({ token: 'x' }), /object instead/],
    [
      'throws',
      () => {
        throw new Error('backend down');
      },
      /callback failed: backend down/,
    ],
    [
      'rejects',
      () => Promise.reject(new Error('HTTP 500')),
      /callback failed: HTTP 500/,
    ],
    ['rejects with nothing', () => Promise.reject(), /callback failed$/],
  ];

  it.each(failing)(
    'rejects the request with a reason when the callback %s',
    async (_label, callback, reason) => {
      const sdk = new DolbyIoIAPI();
      await sdk.initializeToken(
        'a',
        callback as unknown as () => Promise<string>
      );
      const { requestId, answer } = native.fake.requestAccessToken(true);
      const result = await answer;
      expect(result).toEqual({ requestId, reason: expect.any(String) });
      expect('reason' in result && result.reason).toMatch(reason);
      expect(native.fake.resolveAccessTokenRequest).not.toHaveBeenCalled();
    }
  );

  it('never puts the returned value into the reason', async () => {
    const sdk = new DolbyIoIAPI();
    await sdk.initializeToken('a', (async () => ({
      secret: 'do-not-leak',
    })) as unknown as () => Promise<string>);
    const { answer } = native.fake.requestAccessToken(true);
    expect(JSON.stringify(await answer)).not.toContain('do-not-leak');
  });

  it('keeps answering with the callback after a failed refresh', async () => {
    const sdk = new DolbyIoIAPI();
    const callback = jest
      .fn<Promise<string>, [boolean]>()
      .mockRejectedValueOnce(new Error('flaky'))
      .mockResolvedValueOnce('token');
    await sdk.initializeToken('a', callback);
    const first = await native.fake.requestAccessToken(true).answer;
    const second = await native.fake.requestAccessToken(true).answer;
    expect('reason' in first).toBe(true);
    expect(second).toMatchObject({ token: 'token' });
  });

  it('a stale callback still answers its own request once', async () => {
    const sdk = new DolbyIoIAPI();
    const slow = deferred<string>();
    await sdk.initializeToken('a', () => slow.promise);
    const request = native.fake.requestAccessToken(true);
    await sdk.initializeToken('b', async () => 'new');
    slow.resolve('old');
    await expect(request.answer).resolves.toEqual({
      requestId: request.requestId,
      token: 'old',
    });
    await flush();
    expect(native.fake.answers).toHaveLength(1);
  });
});

describe('input validation', () => {
  it.each([undefined, null, 'token', 42])(
    'rejects a non-function callback (%p) with INVALID_ARGUMENT without calling native',
    async (callback) => {
      const sdk = new DolbyIoIAPI();
      const error = await sdk
        .initializeToken('a', callback as unknown as () => Promise<string>)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DolbyIoIAPIError);
      expect(error).toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
      expect(native.fake.initializeToken).not.toHaveBeenCalled();
      expect(native.fake.listenerCount('onAccessTokenRequest')).toBe(0);
    }
  );

  it('rejects a non-string access token with INVALID_ARGUMENT', async () => {
    const sdk = new DolbyIoIAPI();
    await expect(
      sdk.initializeToken(42 as unknown as string, async () => 't')
    ).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
  });

  it('rejects non-string key or secret with INVALID_ARGUMENT', async () => {
    const sdk = new DolbyIoIAPI();
    await expect(
      sdk.initialize(undefined as unknown as string, 'secret')
    ).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    await expect(
      sdk.initialize('key', {} as unknown as string)
    ).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    expect(native.fake.initialize).not.toHaveBeenCalled();
  });

  it('leaves the validation of empty strings to native', async () => {
    const sdk = new DolbyIoIAPI();
    native.fake.rejectNext('initialize', 'INVALID_ARGUMENT', 'empty key');
    await expect(sdk.initialize('', '')).rejects.toMatchObject({
      code: ErrorCode.INVALID_ARGUMENT,
      message: 'empty key',
    });
  });
});

describe('errors from native', () => {
  it.each(Object.values(ErrorCode))(
    'keeps the code %s of a native rejection',
    async (code) => {
      const sdk = new DolbyIoIAPI();
      native.fake.rejectNext('initializeToken', code, `failed with ${code}`);
      const error = await sdk
        .initializeToken('a', async () => 't')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DolbyIoIAPIError);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ code, message: `failed with ${code}` });
    }
  );

  it('keeps the subscription when native initializeToken rejects', async () => {
    const sdk = new DolbyIoIAPI();
    native.fake.rejectNext('initializeToken', 'NETWORK', 'offline');
    await expect(
      sdk.initializeToken(null, async () => 't')
    ).rejects.toMatchObject({ code: 'NETWORK' });
    expect(native.fake.listenerCount('onAccessTokenRequest')).toBe(1);
  });
});
