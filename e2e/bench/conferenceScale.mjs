// Conference-scale benchmark (issue 22): one conference where 1 000 participants join within
// 10 s and then leave within 10 s, with two local SDK instances (two Node hosts, each its own
// core SDK and session socket) listening through the Node host into JS handlers.
//
// Checked (exit 1 when one fails): each listener's replayed participant events equal the
// platform's final state, no event is lost or duplicated (exactly one ADDED and one REMOVED per
// participant per listener). Printed (one `bench conference-scale ...` line, read by
// scripts/bench-report.sh): events per second delivered to JS, p50/p99 latency from the REST
// request that made the change (the platform's side) to the JS handler, and the process's RSS
// (before, peak, after).
//
// Needs the emulator (`cargo build -p iapi-emulator`, or the one $IAPI_EMULATOR_BIN names, e.g.
// a release build) and the Node host addon (`bash bindings/node/build.sh`). Usage:
// node e2e/bench/conferenceScale.mjs [participants] (default 1000).
import http from 'node:http';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../../bindings/node/emulator.mjs';

const require = createRequire(import.meta.url);
const { NodeHost } = require('../../bindings/node/index.js');

const KEY = 'bench-key';
const SECRET = 'bench-secret';
const PARTICIPANTS = Number(process.argv[2] ?? 1000);
const WINDOW_MS = 10_000;
/** Requests in flight at most (REST participants driven over keep-alive connections). */
const SENDERS = 16;

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const mb = (bytes) => (bytes / 1e6).toFixed(1);

/** The value at quantile `q` of sorted `values`. */
const at = (values, q) =>
  values[Math.min(values.length - 1, Math.round((values.length - 1) * q))];

async function waitFor(check, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const emu = await startEmulator({ apps: [[KEY, SECRET]] });
try {
  const token = await emu.mint(KEY, 3600);
  // node:http over keep-alive sockets: the driver must not be the bottleneck (each join or
  // leave answer lists every participant, up to a few hundred kB).
  const agent = new http.Agent({ keepAlive: true, maxSockets: SENDERS });
  /** Resolves the answer's JSON when `parse`, else drains it. */
  const rest = (method, path, body, parse = true) =>
    new Promise((resolve, reject) => {
      const request = http.request(
        `${emu.baseUrl}/${path}`,
        {
          method,
          agent,
          headers: {
            'authorization': `Bearer ${token}`,
            'content-type': 'application/json',
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => parse && chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            if (res.statusCode >= 300) {
              reject(new Error(`${method} /${path}: ${res.statusCode}`));
            } else {
              resolve(parse ? JSON.parse(Buffer.concat(chunks)) : undefined);
            }
          });
        }
      );
      request.on('error', reject);
      request.end(body === undefined ? undefined : JSON.stringify(body));
    });

  // The two listeners: each event is stamped when its JS handler runs.
  const listeners = [0, 1].map((n) => {
    const events = [];
    const host = new NodeHost(
      (name, payload) => {
        if (name === 'onParticipantsChange') {
          events.push({
            at: performance.now(),
            id: payload.participant.id,
            event: payload.event,
            status: payload.participant.status,
          });
        }
      },
      { baseUrl: emu.baseUrl, callbackTimeoutMs: 10_000 }
    );
    return { host, events, name: `listener-${n}` };
  });
  for (const l of listeners) {
    await l.host.initialize(KEY, SECRET);
    l.id = (await l.host.sessionOpen({ name: l.name })).id;
  }
  await waitFor(async () => (await emu.wsOpen()) === 2, 'two sockets', 10_000);
  const conference = await listeners[0].host.conferenceCreate({
    alias: 'conference-scale',
  });
  for (const l of listeners) await l.host.conferenceJoin(conference.id, {});

  // The participants, identified beforehand (not measured).
  const ids = [];
  for (let i = 0; i < PARTICIPANTS; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, PARTICIPANTS - i) }, (_, k) =>
        rest('POST', 'v2/users/identify', { name: `p${i + k}` })
      )
    );
    ids.push(...batch.map((p) => p.id));
  }

  const rss = { before: process.memoryUsage().rss, peak: 0 };
  const sampler = setInterval(() => {
    rss.peak = Math.max(rss.peak, process.memoryUsage().rss);
  }, 50);

  /**
   * Each participant's request, paced evenly over the window by a few concurrent senders (a
   * request waits for its due time and a free sender); send times by id. Resolves how long
   * the requests took, in seconds (the window, unless the platform could not keep up).
   */
  const sent = { join: new Map(), leave: new Map() };
  async function paced(kind) {
    const start = performance.now();
    let next = 0;
    const sender = async () => {
      while (next < ids.length) {
        const i = next++;
        const id = ids[i];
        const due = start + (i * WINDOW_MS) / ids.length;
        await sleep(Math.max(0, due - performance.now()));
        sent[kind].set(id, performance.now());
        // The answer lists every participant: drained, not parsed.
        await rest(
          'POST',
          `v1/conferences/${conference.id}/${kind}`,
          {
            participantId: id,
            ...(kind === 'join' ? { participantType: 'USER' } : {}),
          },
          false
        );
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, sender));
    return (performance.now() - start) / 1000;
  }
  const started = performance.now();
  const joinSeconds = await paced('join');
  const leaveSeconds = await paced('leave');
  const expected = 2 * ids.length;
  const mine = new Set(ids);
  const counted = (l) => l.events.filter((e) => mine.has(e.id)).length;
  await waitFor(
    () => listeners.every((l) => counted(l) >= expected),
    'every event in JS',
    30_000
  ).catch(() => undefined);
  await sleep(500); // late duplicates, if any, would arrive now
  clearInterval(sampler);
  rss.after = process.memoryUsage().rss;
  rss.peak = Math.max(rss.peak, rss.after);

  // The platform's final state, and each listener's replay of its events.
  const final = await rest('GET', `v1/conferences/${conference.id}`);
  const platform = new Map(final.participants.map((p) => [p.id, p.status]));
  let lost = 0;
  let duplicated = 0;
  let mismatched = 0;
  const latencies = [];
  let last = started;
  let delivered = 0;
  for (const l of listeners) {
    const replay = new Map();
    const seen = new Map();
    for (const e of l.events) {
      if (!mine.has(e.id)) continue;
      replay.set(e.id, e.status);
      const key = `${e.id} ${e.event}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      const from = sent[e.event === 'ADDED' ? 'join' : 'leave'].get(e.id);
      if (from !== undefined) latencies.push(e.at - from);
      last = Math.max(last, e.at);
      delivered += 1;
    }
    for (const id of ids) {
      for (const event of ['ADDED', 'REMOVED']) {
        const n = seen.get(`${id} ${event}`) ?? 0;
        if (n === 0) lost += 1;
        if (n > 1) duplicated += n - 1;
      }
      if (replay.get(id) !== platform.get(id)) mismatched += 1;
    }
  }
  latencies.sort((a, b) => a - b);
  const seconds = (last - started) / 1000;
  console.log(
    `bench conference-scale participants=${ids.length} listeners=${listeners.length} ` +
      `join_s=${joinSeconds.toFixed(1)} leave_s=${leaveSeconds.toFixed(1)} ` +
      `events=${delivered} expected=${expected * listeners.length} lost=${lost} ` +
      `duplicated=${duplicated} mismatched=${mismatched} ` +
      `events_per_s=${(delivered / seconds).toFixed(0)} ` +
      `p50_ms=${at(latencies, 0.5).toFixed(2)} p99_ms=${at(latencies, 0.99).toFixed(2)} ` +
      `rss_before_mb=${mb(rss.before)} rss_peak_mb=${mb(rss.peak)} rss_after_mb=${mb(rss.after)}`
  );
  for (const l of listeners) l.host.shutdown('benchmark done');
  if (lost || duplicated || mismatched) process.exitCode = 1;
} finally {
  await emu.stop();
}
