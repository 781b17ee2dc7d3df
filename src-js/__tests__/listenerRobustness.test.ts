import * as mock from '../../jest';
import { DolbyIoIAPI } from '../DolbyIoIAPI';
import { ConferenceService } from '../services/ConferenceService';
import { useFakeNativeModule } from './helpers/setup';

jest.mock(
  '../nativeModule',
  () => require('./helpers/nativeModuleMock').mockModule
);

const native = useFakeNativeModule();

// Throwing handlers are reported with console.error: kept quiet and counted.
let consoleError: jest.SpyInstance;
beforeEach(() => {
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => consoleError.mockRestore());

const participant = (name: string, status = 'CONNECTED') => ({
  conferenceId: 'c-1',
  participant: { id: `p-${name}`, info: { name }, status, type: 'USER' },
  event: 'ADDED' as const,
});

describe('a throwing conference event handler', () => {
  it('keeps receiving later events, and the other handlers get every event', () => {
    const service = new ConferenceService();
    const seen: string[] = [];
    const throwing = jest.fn(
      (e: { participant: { info: { name?: string } } }) => {
        seen.push(e.participant.info.name ?? '?');
        if (seen.length === 1) {
          throw new Error('an app bug');
        }
      }
    );
    const other = jest.fn();
    service.onParticipantsChange(throwing);
    service.onParticipantsChange(other);
    const statuses = jest.fn(() => {
      throw new Error('always');
    });
    service.onStatusChange(statuses);

    expect(() =>
      native.fake.emit('onParticipantsChange', participant('Ada'))
    ).not.toThrow();
    native.fake.emit('onConferenceStatusChange', {
      conferenceId: 'c-1',
      status: 'JOINED',
    });
    native.fake.emit('onConferenceStatusChange', {
      conferenceId: 'c-1',
      status: 'ENDED',
    });
    native.fake.emit('onParticipantsChange', participant('Bob'));

    expect(seen).toEqual(['Ada', 'Bob']);
    expect(other).toHaveBeenCalledTimes(2);
    expect(statuses).toHaveBeenCalledTimes(2);
    expect(consoleError).toHaveBeenCalledTimes(3);
    expect(consoleError.mock.calls[0][0]).toMatch(/handler threw/);
  });
});

describe('a throwing state or log handler', () => {
  it('keeps receiving later events and records', () => {
    const sdk = new DolbyIoIAPI();
    const calls = { connection: 0, token: 0, log: 0 };
    sdk.session.onConnectionStateChange(() => {
      calls.connection += 1;
      throw new Error('an app bug');
    });
    sdk.onTokenStateChange(() => {
      calls.token += 1;
      throw new Error('an app bug');
    });
    sdk.onLog(() => {
      calls.log += 1;
      throw new Error('an app bug');
    });
    for (let sequence = 1; sequence <= 2; sequence++) {
      native.fake.emit('onConnectionStateChange', {
        state: 'CONNECTING',
        sequence,
      });
      native.fake.emit('onTokenStateChange', { state: 'VALID', sequence });
      native.fake.emit('onLog', {
        level: 'WARN',
        target: 't',
        message: 'm',
        timestamp: 0,
      });
    }
    expect(calls).toEqual({ connection: 2, token: 2, log: 2 });
    expect(consoleError).toHaveBeenCalledTimes(6);
  });
});

describe('the consumer Jest mock', () => {
  beforeEach(() => mock.mockControls.reset());

  it('isolates a throwing handler and refuses a conference access token', async () => {
    await mock.default.initialize('k', 's');
    await mock.default.session.open({ name: 'Ada' });
    const names: string[] = [];
    mock.default.conference.onParticipantsChange((e) => {
      names.push(e.participant.info.name ?? '?');
      throw new Error('an app bug');
    });
    const conference = await mock.default.conference.create({ alias: 'x' });
    await expect(
      mock.default.conference.join(conference, { conferenceAccessToken: 't' })
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await mock.default.conference.join(conference);
    mock.mockControls.addParticipant(
      { name: 'Bob' },
      mock.ParticipantType.USER
    );
    expect(names).toEqual(['Ada', 'Bob']);
  });
});
