import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAccessTokenProvider } from './access-token.js';
import type { TokenSource } from './access-token.js';
import { SmartLaunchError } from './errors.js';

/** A token source with a fake clock: token `t0`, refreshes give `t1`, `t2`, … valid for `lifetimeMs`. */
function fakeSource(options: { lifetimeMs?: number; refreshToken?: boolean; failRefresh?: boolean } = {}) {
  let clock = 1_000_000;
  const lifetime = options.lifetimeMs ?? 300_000;
  let token = 't0';
  let expiresAt = clock + lifetime;
  let refreshes = 0;
  let release: (() => void) | undefined;
  const source: TokenSource = {
    accessToken: () => token,
    expiresAt: () => expiresAt,
    canRefresh: () => options.refreshToken ?? true,
    async refresh() {
      refreshes++;
      await new Promise<void>((resolve) => {
        release = resolve;
        setImmediate(resolve);
      });
      if (options.failRefresh) throw new Error('invalid_grant');
      token = `t${refreshes}`;
      expiresAt = clock + lifetime;
    },
  };
  return {
    source,
    now: () => clock,
    advance: (ms: number) => void (clock += ms),
    refreshes: () => refreshes,
    release: () => release?.(),
  };
}

const refreshFailed = (error: unknown) => error instanceof SmartLaunchError && error.code === 'refresh-failed';

describe('createAccessTokenProvider', () => {
  it('keeps the token until the refresh window, then refreshes before handing one out', async () => {
    const fake = fakeSource();
    const get = createAccessTokenProvider(fake.source, { now: fake.now, refreshBeforeMs: 60_000 });
    assert.equal(await get({ refresh: false }), 't0');
    fake.advance(239_000); // 61 s left
    assert.equal(await get({ refresh: false }), 't0');
    fake.advance(2_000); // 59 s left
    assert.equal(await get({ refresh: false }), 't1');
    assert.equal(fake.refreshes(), 1);
  });

  it('refreshes when asked after a 401, even with time left', async () => {
    const fake = fakeSource();
    const get = createAccessTokenProvider(fake.source, { now: fake.now });
    assert.equal(await get({ refresh: true }), 't1');
  });

  it('concurrent callers share one refresh', async () => {
    const fake = fakeSource();
    const get = createAccessTokenProvider(fake.source, { now: fake.now });
    fake.advance(300_000);
    const tokens = await Promise.all([get({ refresh: false }), get({ refresh: false }), get({ refresh: true })]);
    assert.deepEqual(tokens, ['t1', 't1', 't1']);
    assert.equal(fake.refreshes(), 1);
  });

  it('an expired token with no refresh token is never handed out', async () => {
    const fake = fakeSource({ refreshToken: false });
    const get = createAccessTokenProvider(fake.source, { now: fake.now });
    fake.advance(250_000); // inside the window but not expired: still usable
    assert.equal(await get({ refresh: false }), 't0');
    fake.advance(50_000);
    await assert.rejects(get({ refresh: false }), refreshFailed);
    await assert.rejects(get({ refresh: true }), refreshFailed);
  });

  it('a refused refresh is refresh-failed, with the server error as cause', async () => {
    const fake = fakeSource({ failRefresh: true });
    const get = createAccessTokenProvider(fake.source, { now: fake.now });
    fake.advance(300_000);
    await assert.rejects(get({ refresh: false }), (error: unknown) => refreshFailed(error) && (error as Error).cause instanceof Error);
  });

  it('a refresh that returns an already expired token is refused rather than sent', async () => {
    const fake = fakeSource({ lifetimeMs: 0 });
    const get = createAccessTokenProvider(fake.source, { now: fake.now });
    await assert.rejects(get({ refresh: false }), refreshFailed);
  });
});
