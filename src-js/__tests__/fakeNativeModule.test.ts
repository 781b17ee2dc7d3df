import { FakeNativeModule } from './helpers/FakeNativeModule';

// The fake must catch contract violations, or the other tests prove nothing.
describe('FakeNativeModule', () => {
  it('flags a request emitted with no subscription', () => {
    const fake = new FakeNativeModule();
    fake.requestAccessToken(true);
    expect(fake.violations).toEqual([
      'request-1 emitted with no JS subscription',
    ]);
  });

  it('flags answering twice and answering an unknown id', async () => {
    const fake = new FakeNativeModule();
    fake.onAccessTokenRequest(() => {});
    const { requestId, answer } = fake.requestAccessToken(false);
    fake.resolveAccessTokenRequest(requestId, 't');
    fake.rejectAccessTokenRequest(requestId, 'again');
    fake.resolveAccessTokenRequest('nope', 't');
    await expect(answer).resolves.toEqual({ requestId, token: 't' });
    expect(fake.violations).toEqual([
      `${requestId} answered twice`,
      'nope is unknown',
    ]);
  });

  it('rejects with coded errors like React Native', async () => {
    const fake = new FakeNativeModule();
    fake.rejectNext('sessionOpen', 'NOT_INITIALIZED', 'no');
    await expect(fake.sessionOpen({})).rejects.toMatchObject({
      code: 'NOT_INITIALIZED',
      message: 'no',
    });
    await expect(fake.sessionIsOpen()).resolves.toBe(false);
  });
});
