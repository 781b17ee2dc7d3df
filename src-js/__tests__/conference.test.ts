import { ErrorCode } from '../errors';
import {
  ConferencePermission,
  ConferenceStatus,
  ParticipantChange,
  ParticipantType,
  type Conference,
  type Participant,
} from '../models';
import { ConferenceService } from '../services/ConferenceService';
import { useFakeNativeModule } from './helpers/setup';

jest.mock(
  '../nativeModule',
  () => require('./helpers/nativeModuleMock').mockModule
);

const native = useFakeNativeModule();

const ada: Participant = { id: 'p-1', info: { name: 'Ada' } };
const bob: Participant = {
  id: 'p-2',
  info: { name: 'Bob' },
  status: 'CONNECTED' as never,
  type: ParticipantType.LISTENER,
};
const standup = {
  id: 'c-1',
  alias: 'standup',
  isNew: true,
  participants: [],
  status: 'CREATED',
};
const conf = standup as unknown as Conference;

describe('ConferenceService calls', () => {
  it('create forwards options and converts the conference', async () => {
    native.fake.resolveNext('conferenceCreate', standup);
    const service = new ConferenceService();
    await expect(
      service.create({
        alias: 'standup',
        params: { dolbyVoice: true, ttl: 60, videoCodec: 'H264' as never },
      })
    ).resolves.toEqual({ ...standup, status: ConferenceStatus.CREATED });
    expect(native.fake.conferenceCreate).toHaveBeenCalledWith({
      alias: 'standup',
      params: { dolbyVoice: true, ttl: 60, videoCodec: 'H264' },
    });
  });

  it('create without options sends an empty object', async () => {
    native.fake.resolveNext('conferenceCreate', standup);
    await new ConferenceService().create();
    expect(native.fake.conferenceCreate).toHaveBeenCalledWith({});
  });

  it('fetch, current and join forward ids and options', async () => {
    const service = new ConferenceService();
    const joined = {
      ...standup,
      status: 'JOINED',
      participants: [
        { id: 'p-1', info: { name: 'Ada' }, status: 'CONNECTED', type: 'USER' },
      ],
    };
    native.fake.resolveNext('conferenceFetch', standup);
    native.fake.resolveNext('conferenceJoin', joined);
    native.fake.resolveNext('conferenceCurrent', joined);

    await expect(service.fetch('c-1')).resolves.toMatchObject({ id: 'c-1' });
    await expect(
      service.join(conf, {
        conferenceAccessToken: 'cat',
        participantType: ParticipantType.LISTENER,
      })
    ).resolves.toEqual(joined);
    await expect(service.current()).resolves.toEqual(joined);
    await expect(service.current()).resolves.toBeNull();

    expect(native.fake.conferenceFetch).toHaveBeenCalledWith('c-1');
    expect(native.fake.conferenceJoin).toHaveBeenCalledWith('c-1', {
      conferenceAccessToken: 'cat',
      participantType: 'LISTENER',
    });
  });

  it('join without options sends an empty object', async () => {
    native.fake.resolveNext('conferenceJoin', standup);
    await new ConferenceService().join(conf);
    expect(native.fake.conferenceJoin).toHaveBeenCalledWith('c-1', {});
  });

  it('leave forwards leaveRoom', async () => {
    const service = new ConferenceService();
    await service.leave();
    await service.leave({ leaveRoom: true });
    expect(native.fake.conferenceLeave.mock.calls).toEqual([
      [{}],
      [{ leaveRoom: true }],
    ]);
  });

  it('participants, status, kick, mute and isMuted forward ids', async () => {
    const service = new ConferenceService();
    native.fake.resolveNext('conferenceGetParticipants', [
      { id: 'p-1', info: { name: 'Ada' } },
      {
        id: 'p-2',
        info: { name: 'Bob' },
        status: 'CONNECTED',
        type: 'LISTENER',
      },
    ]);
    native.fake.resolveNext('conferenceGetParticipant', {
      id: 'p-2',
      info: { name: 'Bob' },
      status: 'CONNECTED',
      type: 'LISTENER',
    });
    native.fake.resolveNext('conferenceGetStatus', 'JOINED');
    native.fake.resolveNext('conferenceIsMuted', true);

    await expect(service.getParticipants(conf)).resolves.toEqual([ada, bob]);
    await expect(service.getParticipant('p-2')).resolves.toEqual(bob);
    await expect(service.getStatus(conf)).resolves.toBe(
      ConferenceStatus.JOINED
    );
    await expect(service.kick(bob)).resolves.toBeUndefined();
    await expect(service.mute(bob, true)).resolves.toBe(true);
    await expect(service.isMuted()).resolves.toBe(true);

    expect(native.fake.conferenceGetParticipants).toHaveBeenCalledWith('c-1');
    expect(native.fake.conferenceGetParticipant).toHaveBeenCalledWith('p-2');
    expect(native.fake.conferenceGetStatus).toHaveBeenCalledWith('c-1');
    expect(native.fake.conferenceKick).toHaveBeenCalledWith('p-2');
    expect(native.fake.conferenceMute).toHaveBeenCalledWith('p-2', true);
  });

  it('updatePermissions sends participant ids with permissions', async () => {
    await new ConferenceService().updatePermissions([
      {
        participant: bob,
        permissions: [
          ConferencePermission.JOIN,
          ConferencePermission.SEND_AUDIO,
        ],
      },
      { participant: ada, permissions: [] },
    ]);
    expect(native.fake.conferenceUpdatePermissions).toHaveBeenCalledWith([
      { participantId: 'p-2', permissions: ['JOIN', 'SEND_AUDIO'] },
      { participantId: 'p-1', permissions: [] },
    ]);
  });

  it('rejects obviously bad arguments with INVALID_ARGUMENT', async () => {
    const service = new ConferenceService();
    const bad = [
      service.fetch(''),
      service.join({} as Conference),
      service.getParticipants(null as unknown as Conference),
      service.getParticipant(7 as unknown as string),
      service.kick({ info: {} } as Participant),
      service.mute(bob, 'yes' as unknown as boolean),
      service.updatePermissions('all' as never),
      service.updatePermissions([{ permissions: [] } as never]),
    ];
    for (const call of bad) {
      await expect(call).rejects.toMatchObject({
        code: ErrorCode.INVALID_ARGUMENT,
      });
    }
    expect(native.fake.conferenceJoin).not.toHaveBeenCalled();
    expect(native.fake.conferenceKick).not.toHaveBeenCalled();
  });

  it('keeps the code of native rejections', async () => {
    const service = new ConferenceService();
    native.fake.rejectNext('conferenceJoin', 'SERVER', 'conference not found');
    await expect(service.join(conf)).rejects.toMatchObject({
      code: ErrorCode.SERVER,
      message: 'conference not found',
    });
    native.fake.rejectNext('conferenceKick', 'UNAUTHORIZED', 'needs KICK');
    await expect(service.kick(bob)).rejects.toMatchObject({
      code: ErrorCode.UNAUTHORIZED,
    });
  });
});

describe('ConferenceService events', () => {
  it('onStatusChange delivers events until unsubscribed', () => {
    const service = new ConferenceService();
    const handler = jest.fn();
    const unsubscribe = service.onStatusChange(handler);
    expect(native.fake.listenerCount('onConferenceStatusChange')).toBe(1);

    native.fake.emit('onConferenceStatusChange', {
      conferenceId: 'c-1',
      status: 'JOINED',
    });
    expect(handler).toHaveBeenCalledWith({
      conferenceId: 'c-1',
      status: ConferenceStatus.JOINED,
    });

    unsubscribe();
    expect(native.fake.listenerCount('onConferenceStatusChange')).toBe(0);
    native.fake.emit('onConferenceStatusChange', {
      conferenceId: 'c-1',
      status: 'LEFT',
    });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(() => unsubscribe()).not.toThrow();
  });

  it('onParticipantsChange converts the participant and the change', () => {
    const service = new ConferenceService();
    const handler = jest.fn();
    const unsubscribe = service.onParticipantsChange(handler);
    native.fake.emit('onParticipantsChange', {
      conferenceId: 'c-1',
      participant: {
        id: 'p-2',
        info: { name: 'Bob' },
        status: 'CONNECTED',
        type: 'LISTENER',
      },
      event: 'ADDED',
    });
    expect(handler).toHaveBeenCalledWith({
      conferenceId: 'c-1',
      participant: bob,
      event: ParticipantChange.ADDED,
    });
    unsubscribe();
    native.fake.emit('onParticipantsChange', {
      conferenceId: 'c-1',
      participant: { id: 'p-2', info: {} },
      event: 'REMOVED',
    });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(native.fake.listenerCount('onParticipantsChange')).toBe(0);
  });

  it('onPermissionsChange delivers permissions; each unsubscribe removes only its own listener', () => {
    const service = new ConferenceService();
    const first = jest.fn();
    const second = jest.fn();
    const unsubscribeFirst = service.onPermissionsChange(first);
    service.onPermissionsChange(second);
    unsubscribeFirst();
    native.fake.emit('onPermissionsChange', {
      conferenceId: 'c-1',
      permissions: ['JOIN', 'KICK'],
    });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith({
      conferenceId: 'c-1',
      permissions: [ConferencePermission.JOIN, ConferencePermission.KICK],
    });
    expect(native.fake.listenerCount('onPermissionsChange')).toBe(1);
  });

  it('rejects a non-function handler', () => {
    const service = new ConferenceService();
    expect(() =>
      service.onStatusChange(undefined as unknown as () => void)
    ).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    expect(native.fake.listenerCount('onConferenceStatusChange')).toBe(0);
  });
});
