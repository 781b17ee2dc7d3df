// No lost conference change, end to end: the TypeScript API over the Node host, the real core
// and an emulator process. Ada is the SDK (the Node entry's one instance); Bob and Cyd are driven over the
// emulator's REST routes. Ada's WebSocket is dropped and refused for 2 s; what happened
// meanwhile is reported after the reconnect, once, in order, before later live events.
import DolbyIoIAPI, {
  ConferenceStatus,
  ErrorCode,
  ParticipantStatus,
} from '@dolbyio/react-native-iapi-sdk/node';
import {
  KEY,
  eventLog,
  rejectionOf,
  restParticipant,
  wsConnected,
  setUpEmulatorAndCore,
} from './helpers.mjs';

const emu = setUpEmulatorAndCore();

async function signedIn(name) {
  await DolbyIoIAPI.initializeToken(null, () => emu.mint(KEY, 60));
  return DolbyIoIAPI.session.open({ name });
}

const brief = (e) =>
  `${e.event} ${e.participant.info.name} ${e.participant.status}`;

test('changes during a refused reconnect arrive once, in order, then live events', async () => {
  const conference = DolbyIoIAPI.conference;
  const changes = eventLog();
  const statuses = eventLog();
  const offs = [
    conference.onParticipantsChange((e) => changes.push(e)),
    conference.onStatusChange((e) => statuses.push(e)),
  ];
  await emu.dropWs();
  await signedIn('Ada');
  await wsConnected(emu);
  const conf = await conference.create({ alias: 'resync' });
  await conference.join(conf);
  await statuses.next((e) => e.status === ConferenceStatus.JOINED, 'JOINED');

  // The gap: refused for 2 s (longer than the first reconnect attempts), sockets dropped.
  await emu.refuseWs(2000, true);
  const mark = changes.events.length;
  const bob = await restParticipant(emu, 'Bob');
  const cyd = await restParticipant(emu, 'Cyd');
  await bob.join(conf.id);
  await bob.mute(conf.id, bob.id, true);
  await cyd.join(conf.id);
  await cyd.leave(conf.id);

  // After the reconnect, a live change is the marker: everything before it is the gap.
  await changes.next(
    (e) => e.participant.id === bob.id,
    'Bob ADDED',
    mark,
    15000
  );
  await bob.mute(conf.id, bob.id, false);
  await changes.next(
    (e) => e.event === 'UPDATED' && e.participant.id === bob.id,
    'Bob unmuted (live)',
    mark
  );
  expect(changes.events.slice(mark).map(brief)).toEqual([
    `ADDED Bob ${ParticipantStatus.CONNECTED}`, // joined and muted: net effect
    `REMOVED Cyd ${ParticipantStatus.LEFT}`, // joined and left during the gap: once
    `UPDATED Bob ${ParticipantStatus.CONNECTED}`, // the live marker
  ]);
  expect((await conference.current()).id).toBe(conf.id);

  for (const off of offs) off();
  await conference.leave();
  await DolbyIoIAPI.session.close();
});

test('an ENDED during the gap is reported after the reconnect; a throwing handler stops nothing', async () => {
  const conference = DolbyIoIAPI.conference;
  const statuses = eventLog();
  let thrown = 0;
  const offs = [
    conference.onStatusChange(() => {
      thrown += 1;
      throw new Error('an app bug');
    }),
    conference.onStatusChange((e) => statuses.push(e)),
  ];
  await emu.dropWs();
  const ada = await signedIn('Ada');
  await wsConnected(emu);
  const conf = await conference.create({ alias: 'resync-ended' });
  await conference.join(conf);
  await statuses.next((e) => e.status === ConferenceStatus.JOINED, 'JOINED');
  const bob = await restParticipant(emu, 'Bob');
  await bob.join(conf.id);

  await emu.refuseWs(600000, true); // lifted below, once the changes are made
  await bob.kick(conf.id, ada.id);
  await bob.leave(conf.id); // nobody connected: ENDED
  await emu.refuseWs(0);
  await statuses.next(
    (e) => e.status === ConferenceStatus.ENDED,
    'ENDED',
    0,
    15000
  );
  expect(statuses.events.map((e) => e.status)).toEqual([
    ConferenceStatus.JOINED,
    ConferenceStatus.ENDED,
  ]);
  expect(thrown).toBe(2); // the throwing handler got both too
  expect(await conference.current()).toBeNull();

  for (const off of offs) off();
  await DolbyIoIAPI.session.close();
});

test('conferenceAccessToken is refused with INVALID_ARGUMENT', async () => {
  const conference = DolbyIoIAPI.conference;
  await signedIn('Ada');
  const conf = await conference.create();
  const error = await rejectionOf(
    conference.join(conf, { conferenceAccessToken: 'a.b.c' })
  );
  expect(error.code).toBe(ErrorCode.INVALID_ARGUMENT);
  expect(error.message).toMatch(/conferenceAccessToken/);
  expect(await conference.current()).toBeNull();
  await DolbyIoIAPI.session.close();
});
