// The Node host's platform log: the console, by level, each line recognisable by its prefix.
// (Which records come here is the core's decision; e2e/observability.test.mjs runs it end to end.)
import { writePlatformLog } from '../node/platformLog';

const methods = ['error', 'warn', 'info', 'debug'] as const;
let spies: Record<(typeof methods)[number], jest.SpyInstance>;

beforeEach(() => {
  spies = Object.fromEntries(
    methods.map((m) => [m, jest.spyOn(console, m).mockImplementation(() => {})])
  ) as typeof spies;
});
afterEach(() => jest.restoreAllMocks());

it.each([
  ['ERROR', 'error'],
  ['WARN', 'warn'],
  ['INFO', 'info'],
  ['DEBUG', 'debug'],
  ['TRACE', 'debug'],
] as const)('%s goes to console.%s, prefixed', (level, method) => {
  writePlatformLog({
    level,
    target: 'iapi_core::http',
    message: 'GET /v1/conferences/c-1 -> 200 in 12 ms',
    timestamp: 1,
  });
  for (const m of methods) {
    expect([m, spies[m].mock.calls]).toEqual([
      m,
      m === method
        ? [
            [
              `[DolbyIoIAPI] ${level} iapi_core::http: GET /v1/conferences/c-1 -> 200 in 12 ms`,
            ],
          ]
        : [],
    ]);
  }
});

it('says how many records were dropped before this one', () => {
  writePlatformLog({
    level: 'WARN',
    target: 't',
    message: 'm',
    timestamp: 1,
    dropped: 4,
  });
  expect(spies.warn).toHaveBeenCalledWith(
    '[DolbyIoIAPI] WARN t: m (4 earlier records dropped)'
  );
});
