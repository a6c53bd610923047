import { describe, expect, it, vi } from 'vitest';
import type { Principal } from '../common/domain/principal.js';
import type { BearerAuthenticator } from './authenticate.js';
import { CredentialCaches } from './credential-caches.js';
import type { ApiKeyAuthenticator } from './credentials.js';

function caches() {
  const apiKeys = { forget: vi.fn() };
  const bearer = { authenticate: vi.fn(), forget: vi.fn() };
  return { apiKeys, bearer, sut: new CredentialCaches(apiKeys as unknown as ApiKeyAuthenticator, bearer as BearerAuthenticator) };
}

type Hooks = { willSendResponse?: (rc: { operation?: { operation: string } }) => Promise<void> };
async function answer(sut: CredentialCaches, kind: Principal['kind'], operation: string): Promise<void> {
  const hooks = (await sut.operatorWritesPlugin().requestDidStart!({ contextValue: { principal: { kind, subject: 'x', scopes: [] } } } as never)) as Hooks;
  await hooks.willSendResponse?.({ operation: { operation } });
}

describe(CredentialCaches.name, () => {
  it('drops both principal caches, keys and partners, in one call', () => {
    const { apiKeys, bearer, sut } = caches();
    sut.forget();
    expect(apiKeys.forget).toHaveBeenCalledTimes(1);
    expect(bearer.forget).toHaveBeenCalledTimes(1);
  });

  it('drops them when NOTIFY says a credential changed', async () => {
    const { apiKeys, bearer, sut } = caches();
    let notify: ((payload: string) => void) | undefined;
    const unlisten = await sut.listen({ listen: async (_channel: string, on: (payload: string) => void) => ((notify = on), async () => undefined) } as never);
    notify!('{}');
    expect([apiKeys.forget.mock.calls.length, bearer.forget.mock.calls.length]).toEqual([1, 1]);
    expect(unlisten).toBeTypeOf('function');
  });

  it.each([
    ['admin', 'mutation', 1],
    ['admin', 'query', 0],
    ['channel', 'mutation', 0],
  ] as const)("drops them after an %s's %s: %i time(s)", async (kind, operation, times) => {
    const { apiKeys, bearer, sut } = caches();
    await answer(sut, kind, operation);
    expect([apiKeys.forget.mock.calls.length, bearer.forget.mock.calls.length]).toEqual([times, times]);
  });
});
