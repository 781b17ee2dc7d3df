import * as real from '../index';
import * as mock from '../../jest';

jest.mock(
  '../NativeDolbyIoIAPI',
  () => require('./helpers/nativeModuleMock').mockModule
);

// The consumer mock duplicates the runtime exports of the package (so that it needs no
// transform); this keeps the two in step.
describe('consumer Jest mock matches the package', () => {
  const runtimeExports = Object.keys(real)
    .filter((key) => key !== 'default' && key !== '__esModule')
    .sort();

  it('exports the same runtime values', () => {
    for (const key of runtimeExports) {
      expect([key, (mock as Record<string, unknown>)[key]]).toEqual([
        key,
        expect.anything(),
      ]);
    }
  });

  it.each(
    runtimeExports.filter(
      (key) => key !== 'DolbyIoIAPIError' && key !== 'isErrorCode'
    )
  )('enum %s has the same values', (key) => {
    expect({ ...(mock as Record<string, object>)[key] }).toEqual({
      ...(real as unknown as Record<string, object>)[key],
    });
  });

  it('has every method of DolbyIoIAPI and its services', () => {
    const methods = (target: object) =>
      Object.getOwnPropertyNames(Object.getPrototypeOf(target))
        .filter((name) => name !== 'constructor')
        .sort();
    const sdk = real.default;
    expect(
      Object.keys(mock.default)
        .filter((k) => typeof (mock.default as never)[k] === 'function')
        .sort()
    ).toEqual(methods(sdk));
    expect(Object.keys(mock.default.session).sort()).toEqual(
      methods(sdk.session)
    );
    expect(Object.keys(mock.default.conference).sort()).toEqual(
      methods(sdk.conference)
    );
  });

  it('DolbyIoIAPIError behaves the same', () => {
    const error = new mock.DolbyIoIAPIError(mock.ErrorCode.TIMEOUT, 'slow');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'DolbyIoIAPIError', code: 'TIMEOUT' });
    const server = { status: 503, platformCode: 7 };
    for (const Class of [mock.DolbyIoIAPIError, real.DolbyIoIAPIError]) {
      expect({
        ...new Class(mock.ErrorCode.SERVER, 'down', undefined, server),
      }).toEqual({ name: 'DolbyIoIAPIError', code: 'SERVER', ...server });
      expect({
        ...new Class(mock.ErrorCode.NETWORK, 'down', undefined, server),
      }).toEqual({ name: 'DolbyIoIAPIError', code: 'NETWORK' });
    }
  });

  it('gives its SERVER errors an HTTP status', async () => {
    mock.mockControls.reset();
    await mock.default.initialize('k', 's');
    mock.mockControls.failNext('session.open', mock.ErrorCode.SERVER);
    await expect(mock.default.session.open()).rejects.toMatchObject({
      code: 'SERVER',
      status: 500,
    });
    await mock.default.session.open();
    await expect(mock.default.conference.fetch('nope')).rejects.toMatchObject({
      code: 'SERVER',
      status: 404,
    });
    mock.mockControls.reset();
  });
});

// What the mock does is checked by the contract suite (helpers/contract.ts), run against the
// mock in contract.mock.test.ts and against the real core in e2e/contract.test.mjs. Here: what
// only the mock has (mockControls, jest.fn recording).
describe('consumer Jest mock controls', () => {
  beforeEach(() => mock.mockControls.reset());

  it('refreshAccessToken asks the latest callback; a bad answer is TOKEN_REFRESH_FAILED', async () => {
    const first = jest.fn(async () => 'a');
    const second = jest.fn(async (_isExpired: boolean) => 'b');
    await mock.default.initializeToken('t', first);
    await mock.default.initializeToken('t', second);
    expect(mock.mockControls.isInitialized).toBe(true);
    await expect(mock.mockControls.refreshAccessToken(true)).resolves.toBe('b');
    expect(second).toHaveBeenLastCalledWith(true);
    expect(first).not.toHaveBeenCalled();
    expect(mock.mockControls.accessToken).toBe('b');
    second.mockResolvedValueOnce('');
    await expect(mock.mockControls.refreshAccessToken()).rejects.toMatchObject({
      code: 'TOKEN_REFRESH_FAILED',
    });
    await mock.default.initialize('k', 's');
    await expect(mock.mockControls.refreshAccessToken()).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
  });

  it('records calls and honours failNext', async () => {
    await mock.default.initialize('k', 's');
    mock.mockControls.failNext(
      'session.open',
      mock.ErrorCode.NETWORK,
      'offline',
      2
    );
    for (let i = 0; i < 2; i++) {
      await expect(mock.default.session.open()).rejects.toMatchObject({
        code: 'NETWORK',
        message: 'offline',
      });
    }
    await mock.default.session.open({ name: 'Ada' });
    expect(mock.default.session.open).toHaveBeenCalledTimes(3);
    expect(mock.default.session.open).toHaveBeenLastCalledWith({ name: 'Ada' });
    expect(() => mock.mockControls.failNext('nope', 'SERVER' as never)).toThrow(
      /Unknown method/
    );
  });

  it('drives conference events and counts listeners', async () => {
    await mock.default.initialize('k', 's');
    await mock.default.session.open({ name: 'Ada' });
    const conference = await mock.default.conference.create({ alias: 'x' });
    const statuses: string[] = [];
    const stop = mock.default.conference.onStatusChange((e) =>
      statuses.push(e.status)
    );
    const permissions = jest.fn();
    const stopPermissions =
      mock.default.conference.onPermissionsChange(permissions);
    expect(mock.mockControls.listenerCount()).toEqual({
      onStatusChange: 1,
      onParticipantsChange: 0,
      onPermissionsChange: 1,
      onConnectionStateChange: 0,
      onTokenStateChange: 0,
      onLog: 0,
    });
    await mock.default.conference.join(conference);
    mock.mockControls.setConferenceStatus(
      conference.id,
      mock.ConferenceStatus.ENDED
    );
    mock.mockControls.setPermissions([mock.ConferencePermission.KICK]);
    expect(statuses).toEqual(['JOINING', 'JOINED', 'ENDED']);
    expect(permissions).toHaveBeenCalledWith({
      conferenceId: conference.id,
      permissions: ['KICK'],
    });
    stop();
    stopPermissions();
    expect(mock.mockControls.listenerCount().onStatusChange).toBe(0);
    expect(() => mock.mockControls.kickParticipant('nobody')).toThrow(
      /Unknown participant/
    );
  });
});
