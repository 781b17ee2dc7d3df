import { ErrorCode } from '../errors';
import { SessionService } from '../services/SessionService';
import { useFakeNativeModule } from './helpers/setup';

jest.mock(
  '../nativeModule',
  () => require('./helpers/nativeModuleMock').mockModule
);

const native = useFakeNativeModule();
const ada = { id: 'p-1', info: { name: 'Ada' } };

describe('SessionService', () => {
  it('open forwards the participant info and returns the participant', async () => {
    native.fake.resolveNext('sessionOpen', ada);
    const session = new SessionService();
    await expect(
      session.open({
        name: 'Ada',
        externalId: 'ext-1',
        avatarUrl: 'https://a/b.png',
      })
    ).resolves.toEqual(ada);
    expect(native.fake.sessionOpen).toHaveBeenCalledWith({
      name: 'Ada',
      externalId: 'ext-1',
      avatarUrl: 'https://a/b.png',
    });
  });

  it('open without info sends an empty object and drops undefined keys', async () => {
    native.fake.resolveNext('sessionOpen', { id: 'p-2', info: {} });
    const session = new SessionService();
    await session.open();
    await session.open({ name: undefined, externalId: 'x' });
    expect(native.fake.sessionOpen.mock.calls).toEqual([
      [{}],
      [{ externalId: 'x' }],
    ]);
  });

  it('open rejects a non-object info with INVALID_ARGUMENT', async () => {
    const session = new SessionService();
    await expect(
      session.open('Ada' as unknown as object)
    ).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    expect(native.fake.sessionOpen).not.toHaveBeenCalled();
  });

  it('close, isOpen and getParticipant forward to native', async () => {
    const session = new SessionService();
    native.fake.resolveNext('sessionIsOpen', true);
    native.fake.resolveNext('sessionGetParticipant', {
      id: 'p-1',
      info: { name: 'Ada' },
      status: 'CONNECTED',
      type: 'USER',
    });
    await expect(session.close()).resolves.toBeUndefined();
    await expect(session.isOpen()).resolves.toBe(true);
    await expect(session.getParticipant()).resolves.toEqual({
      id: 'p-1',
      info: { name: 'Ada' },
      status: 'CONNECTED',
      type: 'USER',
    });
    expect(native.fake.sessionClose).toHaveBeenCalledTimes(1);
    expect(native.fake.sessionGetParticipant).toHaveBeenCalledTimes(1);
  });

  it('keeps the code of native rejections', async () => {
    const session = new SessionService();
    native.fake.rejectNext(
      'sessionOpen',
      'NOT_INITIALIZED',
      'initialize first'
    );
    await expect(session.open({})).rejects.toMatchObject({
      code: ErrorCode.NOT_INITIALIZED,
      message: 'initialize first',
    });
    native.fake.rejectNext(
      'sessionGetParticipant',
      'INVALID_STATE',
      'no session'
    );
    await expect(session.getParticipant()).rejects.toMatchObject({
      code: ErrorCode.INVALID_STATE,
    });
  });
});
