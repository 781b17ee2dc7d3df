import { DolbyIoIAPIError, ErrorCode, isErrorCode } from '../errors';
import { callNative, toDolbyIoIAPIError } from '../nativeCall';

describe('errors', () => {
  it('lists exactly the shared codes', () => {
    expect(Object.values(ErrorCode).sort()).toEqual(
      [
        'CANCELLED',
        'INVALID_ARGUMENT',
        'INVALID_STATE',
        'NETWORK',
        'NOT_INITIALIZED',
        'SERVER',
        'TIMEOUT',
        'TOKEN_REFRESH_FAILED',
        'UNAUTHORIZED',
      ].sort()
    );
    for (const [key, value] of Object.entries(ErrorCode)) {
      expect(key).toBe(value);
    }
  });

  it('DolbyIoIAPIError is an Error with a code', () => {
    const error = new DolbyIoIAPIError(ErrorCode.TIMEOUT, 'too slow');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(DolbyIoIAPIError);
    expect(error.name).toBe('DolbyIoIAPIError');
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toBe('too slow');
    expect(isErrorCode('TIMEOUT')).toBe(true);
    expect(isErrorCode('EUNSPECIFIED')).toBe(false);
  });

  it('keeps a shared code from a native rejection', () => {
    const error = toDolbyIoIAPIError(
      Object.assign(new Error('HTTP 503'), { code: 'SERVER', userInfo: {} })
    );
    expect(error).toMatchObject({ code: 'SERVER', message: 'HTTP 503' });
    expect(error.nativeCode).toBeUndefined();
  });

  it('gives a SERVER error the status and platformCode of the native userInfo', () => {
    const error = toDolbyIoIAPIError(
      Object.assign(new Error('server error 503: unavailable'), {
        code: 'SERVER',
        userInfo: { status: 503, platformCode: 7 },
      })
    );
    expect(error).toBeInstanceOf(DolbyIoIAPIError);
    expect(error).toMatchObject({
      code: 'SERVER',
      status: 503,
      platformCode: 7,
    });
    // Without a platformCode (no error_code in the body) only the status is set.
    const bare = toDolbyIoIAPIError(
      Object.assign(new Error('x'), {
        code: 'SERVER',
        userInfo: { status: 500 },
      })
    );
    expect(bare.status).toBe(500);
    expect('platformCode' in bare).toBe(false);
  });

  it('sets status and platformCode only for SERVER and only from numbers', () => {
    const notNumbers = toDolbyIoIAPIError(
      Object.assign(new Error('x'), {
        code: 'SERVER',
        userInfo: { status: '503', platformCode: null },
      })
    );
    expect('status' in notNumbers).toBe(false);
    expect('platformCode' in notNumbers).toBe(false);
    for (const userInfo of [null, undefined, 'text']) {
      const error = toDolbyIoIAPIError(
        Object.assign(new Error('x'), { code: 'SERVER', userInfo })
      );
      expect(error.code).toBe('SERVER');
      expect(error.status).toBeUndefined();
    }
    const network = toDolbyIoIAPIError(
      Object.assign(new Error('x'), {
        code: 'NETWORK',
        userInfo: { status: 503, platformCode: 7 },
      })
    );
    expect('status' in network).toBe(false);
    expect('platformCode' in network).toBe(false);
    const direct = new DolbyIoIAPIError(ErrorCode.TIMEOUT, 'x', undefined, {
      status: 504,
    });
    expect(direct.status).toBeUndefined();
  });

  it('reports an unknown native code as INVALID_STATE and keeps it', () => {
    const error = toDolbyIoIAPIError(
      Object.assign(new Error('boom'), { code: 'EUNSPECIFIED' })
    );
    expect(error).toMatchObject({
      code: ErrorCode.INVALID_STATE,
      nativeCode: 'EUNSPECIFIED',
    });
    expect(error.message).toContain('boom');
  });

  it('wraps rejections without a code or that are not errors', () => {
    expect(toDolbyIoIAPIError(new Error(''))).toMatchObject({
      code: ErrorCode.INVALID_STATE,
      message: 'Native call failed',
    });
    expect(toDolbyIoIAPIError('plain')).toMatchObject({ message: 'plain' });
    const same = new DolbyIoIAPIError(ErrorCode.CANCELLED, 'x');
    expect(toDolbyIoIAPIError(same)).toBe(same);
  });

  it('callNative wraps synchronous throws and rejections', async () => {
    await expect(
      callNative(() => {
        throw Object.assign(new Error('sync'), { code: 'NETWORK' });
      })
    ).rejects.toMatchObject({ code: 'NETWORK', message: 'sync' });
    await expect(
      callNative(() =>
        Promise.reject(Object.assign(new Error('a'), { code: 'TIMEOUT' }))
      )
    ).rejects.toBeInstanceOf(DolbyIoIAPIError);
    await expect(callNative(async () => 5)).resolves.toBe(5);
  });
});
