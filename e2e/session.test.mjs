// The session service and the error model through the TypeScript API, over the real core
// and emulator.
import DolbyIoIAPI, {
  DolbyIoIAPIError,
  ErrorCode,
  configure,
} from '@dolbyio/react-native-iapi-sdk/node';
import {
  KEY,
  SECRET,
  configureQuietly,
  rejectionOf,
  setUpEmulatorAndCore,
} from './helpers.mjs';

const emu = setUpEmulatorAndCore();

beforeEach(async () => {
  await emu.clearFaults();
});

async function initialized() {
  await DolbyIoIAPI.initializeToken(null, () => emu.mint(KEY, 60));
}

describe('session', () => {
  test('open, isOpen, getParticipant, close', async () => {
    await initialized();
    expect(await DolbyIoIAPI.session.isOpen()).toBe(false);
    const info = {
      name: 'Ada',
      externalId: 'ada-1',
      avatarUrl: 'https://example.com/ada.png',
    };
    const me = await DolbyIoIAPI.session.open(info);
    expect(me).toEqual({ id: expect.any(String), info });
    expect(await DolbyIoIAPI.session.isOpen()).toBe(true);
    expect(await DolbyIoIAPI.session.getParticipant()).toEqual(me);

    await DolbyIoIAPI.session.close();
    expect(await DolbyIoIAPI.session.isOpen()).toBe(false);
    const error = await rejectionOf(DolbyIoIAPI.session.getParticipant());
    expect(error.code).toBe(ErrorCode.INVALID_STATE);
    // Closing again does nothing; the token is kept, so the session reopens.
    await DolbyIoIAPI.session.close();
    const again = await DolbyIoIAPI.session.open({ externalId: 'ada-1' });
    expect(again.id).toBe(me.id); // same external id, same participant
    await DolbyIoIAPI.session.close();
  });

  test('open without info: absent optional keys, never null', async () => {
    await initialized();
    const me = await DolbyIoIAPI.session.open();
    expect(me.info).toEqual({});
    expect(Object.values(me.info)).not.toContain(null);
    await DolbyIoIAPI.session.close();
  });

  test('a second open while open is INVALID_STATE', async () => {
    await initialized();
    await DolbyIoIAPI.session.open({ name: 'once' });
    expect(
      (await rejectionOf(DolbyIoIAPI.session.open({ name: 'twice' }))).code
    ).toBe(ErrorCode.INVALID_STATE);
    await DolbyIoIAPI.session.close();
  });

  test('before initialize: NOT_INITIALIZED', async () => {
    expect((await rejectionOf(DolbyIoIAPI.session.open({}))).code).toBe(
      ErrorCode.NOT_INITIALIZED
    );
    expect(await DolbyIoIAPI.session.isOpen()).toBe(false);
  });
});

describe('errors keep their codes', () => {
  test('every rejection is a DolbyIoIAPIError with a shared code', async () => {
    const error = await rejectionOf(DolbyIoIAPI.session.getParticipant());
    expect(error).toBeInstanceOf(DolbyIoIAPIError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DolbyIoIAPIError');
    expect(Object.values(ErrorCode)).toContain(error.code);
  });

  test('a platform 5xx is SERVER', async () => {
    await initialized();
    await emu.injectFault({ route: 'identify', kind: 'status', status: 500 });
    const error = await rejectionOf(
      DolbyIoIAPI.session.open({ name: 'five hundred' })
    );
    expect(error.code).toBe(ErrorCode.SERVER);
    expect(error.message).toMatch(/500/);
    // The platform's HTTP status and error_code (the emulator's injected body says 0).
    expect(error.status).toBe(500);
    expect(error.platformCode).toBe(0);
    await emu.clearFaults();
    await emu.injectFault({ route: 'identify', kind: 'status', status: 503 });
    const unavailable = await rejectionOf(DolbyIoIAPI.session.open());
    expect(unavailable).toMatchObject({ code: ErrorCode.SERVER, status: 503 });
    // Other codes have neither.
    const other = await rejectionOf(DolbyIoIAPI.session.getParticipant());
    expect(other.code).not.toBe(ErrorCode.SERVER);
    expect('status' in other || 'platformCode' in other).toBe(false);
    await emu.clearFaults();
    await DolbyIoIAPI.session.open({ name: 'recovered' });
    await DolbyIoIAPI.session.close();
  });

  test('an unreachable platform is NETWORK', async () => {
    // A loopback port nobody listens on (the emulator's port after it stopped).
    const { startEmulator } = await import('../bindings/node/emulator.mjs');
    const gone = await startEmulator({ apps: [[KEY, SECRET]] });
    await gone.stop();
    await configureQuietly({ baseUrl: gone.baseUrl });
    const error = await rejectionOf(DolbyIoIAPI.initialize(KEY, SECRET));
    expect(error.code).toBe(ErrorCode.NETWORK);
  });

  test('a bad argument is INVALID_ARGUMENT, before any native call', async () => {
    expect((await rejectionOf(DolbyIoIAPI.session.open(null))).code).toBe(
      ErrorCode.INVALID_ARGUMENT
    );
    expect(
      (await rejectionOf(DolbyIoIAPI.initializeToken(42, async () => 'x'))).code
    ).toBe(ErrorCode.INVALID_ARGUMENT);
  });

  test('configure rejects a non-loopback http URL with INVALID_ARGUMENT', () => {
    let thrown;
    try {
      configure({ baseUrl: 'http://example.com' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DolbyIoIAPIError);
    expect(thrown.code).toBe(ErrorCode.INVALID_ARGUMENT);
  });
});
