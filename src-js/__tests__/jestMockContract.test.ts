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

describe('consumer Jest mock behaviour', () => {
  beforeEach(() => mock.mockControls.reset());

  it('rejects a bad callback and a refresh that returns nothing', async () => {
    await expect(
      mock.default.initializeToken('t', 'nope' as never)
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(
      mock.default.initializeToken(null, async () => '')
    ).rejects.toMatchObject({ code: 'TOKEN_REFRESH_FAILED' });
  });

  it('replaces the callback on a second initializeToken', async () => {
    const first = jest.fn(async () => 'a');
    const second = jest.fn(async () => 'b');
    await mock.default.initializeToken('t', first);
    await mock.default.initializeToken('t', second);
    await expect(mock.mockControls.refreshAccessToken(true)).resolves.toBe('b');
    expect(first).not.toHaveBeenCalled();
  });

  it('requires initialization and a session', async () => {
    await expect(mock.default.session.open()).rejects.toMatchObject({
      code: 'NOT_INITIALIZED',
    });
    await mock.default.initialize('k', 's');
    await expect(mock.default.conference.create()).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
  });

  it('runs a conference in memory with events and real unsubscribes', async () => {
    await mock.default.initialize('k', 's');
    const me = await mock.default.session.open({ name: 'Ada' });
    const statuses: string[] = [];
    const stop = mock.default.conference.onStatusChange((e) =>
      statuses.push(e.status)
    );
    const permissions = jest.fn();
    mock.default.conference.onPermissionsChange(permissions);
    const conference = await mock.default.conference.create({ alias: 'x' });
    expect(conference).toMatchObject({ isNew: true, status: 'CREATED' });
    await expect(
      mock.default.conference.create({ alias: 'x' })
    ).resolves.toMatchObject({ id: conference.id, isNew: false });
    await mock.default.conference.join(conference);
    const bob = mock.mockControls.addParticipant(
      { name: 'Bob' },
      mock.ParticipantType.LISTENER
    );
    await expect(
      mock.default.conference.getParticipants(conference)
    ).resolves.toHaveLength(2);
    await mock.default.conference.kick(bob);
    await expect(mock.default.conference.mute(me, true)).resolves.toBe(true);
    await expect(mock.default.conference.isMuted()).resolves.toBe(true);
    await mock.default.conference.updatePermissions([
      { participant: me, permissions: [mock.ConferencePermission.KICK] },
    ]);
    expect(permissions).toHaveBeenCalledWith({
      conferenceId: conference.id,
      permissions: ['KICK'],
    });
    await expect(mock.default.conference.current()).resolves.toMatchObject({
      id: conference.id,
      status: 'JOINED',
    });
    stop();
    expect(mock.mockControls.listenerCount().onStatusChange).toBe(0);
    await mock.default.conference.leave({ leaveRoom: true });
    expect(statuses).toEqual(['JOINING', 'JOINED']);
    await expect(mock.default.session.isOpen()).resolves.toBe(false);
    await expect(mock.default.conference.getStatus(conference)).resolves.toBe(
      'LEFT'
    );
  });
});
