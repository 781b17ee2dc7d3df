// The conference service through the TypeScript API, over the Node host, the real core and
// emulator. The Node entry is one SDK instance, so the SDK is "Ada" and the second
// participant, "Bob", is driven directly over the emulator's REST routes (helpers.mjs).
// Conferences are global to the emulator instance: each test uses its own alias.
import DolbyIoIAPI, {
  ConferenceStatus,
  DolbyIoIAPIError,
  ErrorCode,
  ParticipantStatus,
  ParticipantType,
} from '@dolbyio/react-native-iapi-sdk/node';
import {
  KEY,
  hasNoNulls,
  rejectionOf,
  eventLog,
  restParticipant,
  sleep,
  wsConnected,
  setUpEmulatorAndCore,
} from './helpers.mjs';

// A fresh core before each test: no token, no session, no current conference.
const emu = setUpEmulatorAndCore();

async function initialized() {
  await DolbyIoIAPI.initializeToken(null, () => emu.mint(KEY, 60));
}

async function signedIn(name) {
  await initialized();
  return DolbyIoIAPI.session.open({ name, externalId: `${name}-ext` });
}

const byId = (list, id) => list.find((p) => p.id === id);

test('create, fetch, join, participants, status, mute, permissions, kick, leave', async () => {
  const conference = DolbyIoIAPI.conference;
  const ada = await signedIn('Ada');
  expect(await conference.current()).toBeNull();

  // create; the same alias again gives the same conference with isNew false.
  const created = await conference.create({
    alias: 'standup',
    params: { dolbyVoice: true, ttl: 60, videoCodec: 'H264' },
  });
  expect(created).toEqual({
    id: expect.any(String),
    alias: 'standup',
    isNew: true,
    participants: [],
    status: ConferenceStatus.CREATED,
  });
  const again = await conference.create({ alias: 'standup' });
  expect(again.id).toBe(created.id);
  expect(again.isNew).toBe(false);

  const fetched = await conference.fetch(created.id);
  expect(fetched).toEqual({ ...created, isNew: false });

  // join: Ada through the SDK, Bob over REST as a listener.
  const joined = await conference.join(created);
  expect(joined.id).toBe(created.id);
  expect(joined.status).toBe(ConferenceStatus.JOINED);
  expect(byId(joined.participants, ada.id)).toEqual({
    id: ada.id,
    info: { name: 'Ada', externalId: 'Ada-ext' },
    status: ParticipantStatus.CONNECTED,
    type: ParticipantType.USER,
  });
  const bob = await restParticipant(emu, 'Bob');
  await bob.join(created.id, 'LISTENER');

  const current = await conference.current();
  expect(current.id).toBe(created.id);
  expect(hasNoNulls(current)).toBe(true);

  const people = await conference.getParticipants(created);
  expect(people).toHaveLength(2);
  // Bob identified with a name only: the other info keys are absent, never null.
  expect(byId(people, bob.id)).toEqual({
    id: bob.id,
    info: { name: 'Bob' },
    status: ParticipantStatus.CONNECTED,
    type: ParticipantType.LISTENER,
  });
  expect(Object.keys(byId(people, bob.id).info)).toEqual(['name']);
  expect(hasNoNulls(people)).toBe(true);

  const bobSeen = await conference.getParticipant(bob.id);
  expect(bobSeen).toEqual(byId(people, bob.id));
  expect(await conference.getStatus(created)).toBe(ConferenceStatus.JOINED);

  // mute: a remote participant and the local one.
  expect(await conference.mute(bobSeen, true)).toBe(true);
  expect(byId((await bob.fetch(created.id)).participants, bob.id).isMuted).toBe(
    true
  );
  expect(await conference.isMuted()).toBe(false);
  expect(await conference.mute(ada, true)).toBe(true);
  expect(await conference.isMuted()).toBe(true);
  expect(await conference.mute(ada, false)).toBe(false);
  expect(await conference.isMuted()).toBe(false);

  // updatePermissions replaces Bob's permissions (checked on the platform's payload).
  await conference.updatePermissions([
    { participant: bobSeen, permissions: ['JOIN', 'SEND_AUDIO'] },
  ]);
  expect(
    byId((await bob.fetch(created.id)).participants, bob.id).permissions
  ).toEqual(['JOIN', 'SEND_AUDIO']);
  // An unknown permission value is INVALID_ARGUMENT, before any request.
  const badPermission = await rejectionOf(
    conference.updatePermissions([
      { participant: bobSeen, permissions: ['JOIN', 'FLY'] },
    ])
  );
  expect(badPermission).toBeInstanceOf(DolbyIoIAPIError);
  expect(badPermission.code).toBe(ErrorCode.INVALID_ARGUMENT);
  expect(
    byId((await bob.fetch(created.id)).participants, bob.id).permissions
  ).toEqual(['JOIN', 'SEND_AUDIO']);

  // kick
  await conference.kick(bobSeen);
  expect((await conference.getParticipant(bob.id)).status).toBe(
    ParticipantStatus.KICKED
  );

  // leave: Ada was the last one connected, so the conference ends.
  await conference.leave();
  expect(await conference.current()).toBeNull();
  expect(await conference.getStatus(created)).toBe(ConferenceStatus.ENDED);
  const ended = await conference.fetch(created.id);
  expect(byId(ended.participants, ada.id).status).toBe(ParticipantStatus.LEFT);
  // Leaving the conference kept the session open.
  expect(await DolbyIoIAPI.session.isOpen()).toBe(true);
  // An ended conference frees its alias.
  const fresh = await conference.create({ alias: 'standup' });
  expect(fresh.isNew).toBe(true);
  expect(fresh.id).not.toBe(created.id);

  await DolbyIoIAPI.session.close();
});

test('closing the session leaves the conference', async () => {
  const conference = DolbyIoIAPI.conference;
  const ada = await signedIn('Ada');
  const bob = await restParticipant(emu, 'Bob');
  const conf = await conference.create({ alias: 'close-leaves' });
  await conference.join(conf);
  await bob.join(conf.id);

  await DolbyIoIAPI.session.close();
  expect(await conference.current()).toBeNull();
  const seen = await bob.fetch(conf.id);
  expect(byId(seen.participants, ada.id).status).toBe('LEFT');
  expect(byId(seen.participants, bob.id).status).toBe('CONNECTED');
  expect(seen.status).toBe('JOINED');

  // Bob leaves too: nobody is connected any more.
  await bob.leave(conf.id);
  await DolbyIoIAPI.session.open({ externalId: 'Ada-ext' });
  expect(await conference.current()).toBeNull();
  expect(await conference.getStatus(conf)).toBe(ConferenceStatus.ENDED);
  await DolbyIoIAPI.session.close();
});

test('leave({ leaveRoom: true }) also closes the session', async () => {
  const conference = DolbyIoIAPI.conference;
  const ada = await signedIn('Ada');
  const conf = await conference.create({ alias: 'leave-room' });
  await conference.join(conf, { participantType: ParticipantType.USER });
  await conference.leave({ leaveRoom: true });
  expect(await conference.current()).toBeNull();
  expect(await DolbyIoIAPI.session.isOpen()).toBe(false);
  const ended = await conference.fetch(conf.id);
  expect(ended.status).toBe(ConferenceStatus.ENDED);
  expect(byId(ended.participants, ada.id).status).toBe(ParticipantStatus.LEFT);
});

test('join as a listener; a conference without alias has no alias key', async () => {
  const conference = DolbyIoIAPI.conference;
  const ada = await signedIn('Ada');
  const conf = await conference.create();
  expect(Object.keys(conf)).not.toContain('alias');
  expect(conf.isNew).toBe(true);
  const joined = await conference.join(conf, {
    participantType: ParticipantType.LISTENER,
  });
  expect(byId(joined.participants, ada.id).type).toBe(ParticipantType.LISTENER);
  await conference.leave();
  await DolbyIoIAPI.session.close();
});

describe('bad input gives clear codes', () => {
  test('unknown conference id: SERVER', async () => {
    await signedIn('Ada');
    const error = await rejectionOf(
      DolbyIoIAPI.conference.fetch('00000000-0000-0000-0000-000000000000')
    );
    expect(error).toBeInstanceOf(DolbyIoIAPIError);
    expect(error.code).toBe(ErrorCode.SERVER);
    expect(error.message).toMatch(/404/);
    expect(error.status).toBe(404);
    expect(error.platformCode).toBe(3);
    expect(
      (
        await rejectionOf(
          DolbyIoIAPI.conference.getStatus({
            id: '00000000-0000-0000-0000-000000000000',
          })
        )
      ).code
    ).toBe(ErrorCode.SERVER);
    await DolbyIoIAPI.session.close();
  });

  test('leave, kick, getParticipant, isMuted when in no conference: INVALID_STATE', async () => {
    const ada = await signedIn('Ada');
    const conference = DolbyIoIAPI.conference;
    for (const call of [
      () => conference.leave(),
      () => conference.leave({ leaveRoom: true }),
      () => conference.kick(ada),
      () => conference.getParticipant(ada.id),
      () => conference.isMuted(),
      () => conference.mute(ada, true),
    ]) {
      expect((await rejectionOf(call())).code).toBe(ErrorCode.INVALID_STATE);
    }
    // A failed leave({ leaveRoom: true }) left the session open.
    expect(await DolbyIoIAPI.session.isOpen()).toBe(true);
    await DolbyIoIAPI.session.close();
  });

  test('join without a session: INVALID_STATE', async () => {
    await initialized();
    const conf = await DolbyIoIAPI.conference.create({ alias: 'no-session' });
    const error = await rejectionOf(DolbyIoIAPI.conference.join(conf));
    expect(error.code).toBe(ErrorCode.INVALID_STATE);
    expect(await DolbyIoIAPI.conference.current()).toBeNull();
  });

  test('bad arguments: INVALID_ARGUMENT', async () => {
    const ada = await signedIn('Ada');
    const conference = DolbyIoIAPI.conference;
    const conf = await conference.create({ alias: 'bad-args' });
    // An unknown participant type, before any request.
    const badType = await rejectionOf(
      conference.join(conf, { participantType: 'SPECTATOR' })
    );
    expect(badType.code).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(await conference.current()).toBeNull();
    // An unknown permission value.
    await conference.join(conf);
    const badPermission = await rejectionOf(
      conference.updatePermissions([
        { participant: ada, permissions: ['SEND_AUDIO', 'send_audio'] },
      ])
    );
    expect(badPermission.code).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(badPermission.message).toMatch(/send_audio/);
    // An id that is not one, and a participant not in the conference.
    expect((await rejectionOf(conference.fetch('../x'))).code).toBe(
      ErrorCode.INVALID_ARGUMENT
    );
    expect((await rejectionOf(conference.getParticipant('nobody'))).code).toBe(
      ErrorCode.INVALID_ARGUMENT
    );
    // A negative ttl.
    expect(
      (await rejectionOf(conference.create({ params: { ttl: -1 } }))).code
    ).toBe(ErrorCode.INVALID_ARGUMENT);
    await conference.leave();
    await DolbyIoIAPI.session.close();
  });

  test('before initialize: NOT_INITIALIZED', async () => {
    const error = await rejectionOf(
      DolbyIoIAPI.conference.create({ alias: 'too-early' })
    );
    expect(error.code).toBe(ErrorCode.NOT_INITIALIZED);
    expect(await DolbyIoIAPI.conference.current()).toBeNull();
  });
});

test('conference events: participants, permissions, status, kick, WebSocket drop, unsubscribe', async () => {
  const conference = DolbyIoIAPI.conference;
  const statuses = eventLog();
  const changes = eventLog();
  const permissions = eventLog();
  const offs = [
    conference.onStatusChange((e) => statuses.push(e)),
    conference.onParticipantsChange((e) => changes.push(e)),
    conference.onPermissionsChange((e) => permissions.push(e)),
  ];
  // No socket of an earlier test left: then Ada's is the one open.
  await emu.dropWs();
  const ada = await signedIn('Ada');
  await wsConnected(emu);

  const conf = await conference.create({ alias: 'events' });
  await conference.join(conf);
  const joined = await statuses.next(
    (e) => e.conferenceId === conf.id && e.status === ConferenceStatus.JOINED,
    'JOINED'
  );
  expect(joined).toEqual({
    conferenceId: conf.id,
    status: ConferenceStatus.JOINED,
  });

  // Bob joining: ADDED, with the REST results' participant shape (absent keys, no nulls).
  const bob = await restParticipant(emu, 'Bob');
  await bob.join(conf.id);
  const added = await changes.next(
    (e) => e.event === 'ADDED' && e.participant.id === bob.id,
    'Bob ADDED'
  );
  expect(added).toEqual({
    conferenceId: conf.id,
    participant: {
      id: bob.id,
      info: { name: 'Bob' },
      status: ParticipantStatus.CONNECTED,
      type: ParticipantType.USER,
    },
    event: 'ADDED',
  });
  expect(hasNoNulls(added)).toBe(true);
  expect(added.participant).toEqual(await conference.getParticipant(bob.id));

  // Bob muted: UPDATED.
  await bob.mute(conf.id, bob.id, true);
  const muted = await changes.next(
    (e) => e.event === 'UPDATED' && e.participant.id === bob.id,
    'Bob UPDATED'
  );
  expect(muted.conferenceId).toBe(conf.id);
  expect(muted.participant.status).toBe(ParticipantStatus.CONNECTED);

  // Permissions: Bob's own update is not Ada's (no event); Ada's is.
  await bob.setPermissions(conf.id, bob.id, ['JOIN']);
  await bob.setPermissions(conf.id, ada.id, ['SEND_AUDIO', 'JOIN']);
  const mine = await permissions.next(() => true, "Ada's permissions");
  expect(mine).toEqual({
    conferenceId: conf.id,
    permissions: ['JOIN', 'SEND_AUDIO'],
  });
  expect(permissions.events).toHaveLength(1);

  // The socket drops (no close frame): the core reconnects and events flow again.
  await emu.dropWs();
  await wsConnected(emu);
  const mark = changes.events.length;
  await bob.mute(conf.id, bob.id, false);
  await changes.next(
    (e) => e.event === 'UPDATED' && e.participant.id === bob.id,
    'Bob UPDATED after the drop',
    mark
  );

  // Bob kicks Ada: UPDATED with status KICKED, and Ada is in no conference any more.
  await bob.kick(conf.id, ada.id);
  const kicked = await changes.next(
    (e) => e.event === 'UPDATED' && e.participant.id === ada.id,
    'Ada kicked'
  );
  expect(kicked.participant).toEqual({
    id: ada.id,
    info: { name: 'Ada', externalId: 'Ada-ext' },
    status: ParticipantStatus.KICKED,
    type: ParticipantType.USER,
  });
  expect(await conference.current()).toBeNull();

  // Unsubscribed: no more callbacks (the addon listener is detached).
  for (const off of offs) off();
  for (const off of offs) off(); // a second call does nothing
  const counts = () =>
    [statuses, changes, permissions].map((l) => l.events.length);
  const before = counts();
  const conf2 = await conference.create({ alias: 'events-2' });
  await conference.join(conf2);
  await bob.join(conf2.id);
  await bob.setPermissions(conf2.id, ada.id, ['JOIN']);
  await bob.mute(conf2.id, bob.id, true);
  await sleep(500);
  expect(counts()).toEqual(before);

  // A new subscriber gets the next event; the removed ones still get nothing.
  const witness = eventLog();
  const off = conference.onParticipantsChange((e) => witness.push(e));
  await bob.leave(conf2.id);
  const removed = await witness.next(
    (e) => e.event === 'REMOVED' && e.participant.id === bob.id,
    'Bob REMOVED'
  );
  expect(removed.participant.status).toBe(ParticipantStatus.LEFT);
  expect(counts()).toEqual(before);
  off();

  await conference.leave();
  await DolbyIoIAPI.session.close();
});
