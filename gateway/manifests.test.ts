import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../common/domain/principal.js';
import { PublishedOperations } from './manifests.js';
import { SessionSafelists } from './sessions/safelists.js';

/** A channel manifest of one operation, at a path of the operator's choosing (`PERSISTED_OPERATIONS`). */
function customManifest(body: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'hcg-manifest-')), 'channel-operations.json');
  const id = createHash('sha256').update(body).digest('hex');
  writeFileSync(path, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id, name: 'OnlyMe', type: 'query', body }] }));
  return path;
}

const channel: Principal = { kind: 'channel', subject: 'wechat', scopes: [] };

describe(PublishedOperations.name, () => {
  const body = 'query OnlyMe { me { id } }';
  const published = PublishedOperations.load(customManifest(body));
  const myCode = PublishedOperations.load().channel.operations().find((o) => o.name === 'MyCode')!.body;

  it('holds the channel safelist, browser sessions and the plan warm-up to the one configured channel list', () => {
    expect(() => published.channel.assertListed({ query: body })).not.toThrow();
    expect(() => published.channel.assertListed({ query: myCode })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ reason: 'OPERATION_NOT_SAFELISTED' }) }));
    const sessions = SessionSafelists.of(published);
    expect(() => sessions.assertListed(channel, { query: body })).not.toThrow();
    expect(() => sessions.assertListed(channel, { query: myCode })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }));
    expect(published.operations().map((o) => o.name)).toEqual(['OnlyMe', ...published.dashboard.operations().map((o) => o.name), ...published.verifier.operations().map((o) => o.name)]);
  });

  it("holds a checkpoint officer's verifier session to the verifier page's operations", () => {
    const sessions = SessionSafelists.of(published);
    const officer: Principal = { kind: 'checkpoint', subject: '01900000-0000-7000-8000-000000000001', scopes: [] };
    const verify = published.verifier.operations().find((o) => o.name === 'VerifierVerify')!.body;
    expect(() => sessions.assertListed(officer, { query: verify })).not.toThrow();
    expect(() => sessions.assertListed(officer, { query: body })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ reason: 'OPERATION_NOT_SAFELISTED' }) }));
    expect(() => sessions.assertListed(channel, { query: verify })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ reason: 'OPERATION_NOT_SAFELISTED' }) }));
  });

  it('reads the published default when none is configured (the safelist is off, sessions still hold)', () => {
    expect(PublishedOperations.load(null).operations().map((o) => o.name)).toEqual(expect.arrayContaining(['MyCode', 'ColorCounts']));
  });

  it('refuses to start from a manifest whose operation does not hash to its id', () => {
    const path = customManifest(body);
    writeFileSync(path, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: 'f'.repeat(64), body }] }));
    expect(() => PublishedOperations.load(path)).toThrow(/does not hash to its id/);
  });
});
