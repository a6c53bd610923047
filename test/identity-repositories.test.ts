import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../common/platform/ids.js';
import { type IdentityRepository, type PersonRow } from '../subgraphs/identity/db/repository.js';
import type { TestDatabase } from './helpers/db.js';
import { identityOnDatabase } from './helpers/identity.js';

// identity's repositories against a migrated database of this file's own, without HTTP: the
// household and guardianship SQL the services build their rules on (issue 22, item 2).
describe('identity repositories (guardianships, requests, household read)', () => {
  let db: TestDatabase;
  let repo: IdentityRepository;

  beforeAll(async () => {
    ({ db, repo } = await identityOnDatabase());
  });
  afterAll(async () => {
    await db?.drop();
  });

  const person = async (name: string): Promise<PersonRow> => {
    const index = newId();
    const row = { id: newId(), name, documentType: 'RESIDENT_ID' as const, documentIndex: index, documentCipher: 'c', documentMasked: 'm', region: '450102' };
    const { person: p, created } = await repo.transaction((tx) => repo.persons.insertPersonIfAbsent(row, tx));
    expect(created).toBe(true);
    return p;
  };

  it('registers a document once: a second insert answers the held row, not a new one', async () => {
    const first = await person('甲');
    const again = await repo.transaction((tx) =>
      repo.persons.insertPersonIfAbsent({ id: newId(), name: '乙', documentType: first.documentType, documentIndex: first.documentIndex, documentCipher: 'c', documentMasked: 'm', region: '450102' }, tx),
    );
    expect(again).toMatchObject({ created: false, person: { id: first.id, name: '甲' } });
  });

  it('reads a channel user’s household in one statement, dependents oldest link first, ended links left out', async () => {
    const [guardian, older, younger, gone] = [await person('家长'), await person('长子'), await person('次子'), await person('已移除')];
    await repo.transaction(async (tx) => {
      await repo.bindings.bind('alipay', `u-${guardian.id}`, guardian.id, 'DOCUMENT', tx);
      await repo.household.linkGuardian(guardian.id, older.id, 'PARENT', 'CHILD', tx);
    });
    // Separate transactions: created_at is now(), one per transaction, and orders the dependents.
    await repo.transaction((tx) => repo.household.linkGuardian(guardian.id, younger.id, 'PARENT', 'CHILD', tx));
    await repo.transaction((tx) => repo.household.linkGuardian(guardian.id, gone.id, 'OTHER', 'CONSENT', tx));
    expect(await repo.transaction((tx) => repo.household.unlinkGuardian(guardian.id, gone.id, 'test', tx))).toBe(true);
    expect(await repo.transaction((tx) => repo.household.unlinkGuardian(guardian.id, gone.id, 'test', tx))).toBe(false);

    const found = await repo.household.ofChannelUser('alipay', `u-${guardian.id}`);
    expect(found?.self.id).toBe(guardian.id);
    expect(found?.dependents.map((d) => d.name)).toEqual(['长子', '次子']);
    expect(await repo.household.ofChannelUser('alipay', 'nobody')).toBeNull();

    const active = await repo.household.activeGuardianshipsOf([guardian.id], 'guardian');
    expect(active.map((g) => g.dependentId)).toEqual([older.id, younger.id]);
    expect(await repo.transaction((tx) => repo.household.countActive(guardian.id, 'guardian', tx))).toBe(2);
    expect(await repo.transaction((tx) => repo.household.countActive(gone.id, 'dependent', tx))).toBe(0);
  });

  it('ends only provisional links when a member speaks for themself, and a removed link comes back with its new basis', async () => {
    const [member, provisional, confirmed] = [await person('成员'), await person('临时监护'), await person('确认监护')];
    await repo.transaction(async (tx) => {
      await repo.household.linkGuardian(provisional.id, member.id, 'OTHER', 'NEW_PERSON', tx);
      await repo.household.linkGuardian(confirmed.id, member.id, 'SPOUSE', 'CONSENT', tx);
    });
    const ended = await repo.transaction((tx) => repo.household.endProvisionalGuardianships([member.id], 'member', tx));
    expect(ended.map((g) => [g.guardianId, g.removedBy])).toEqual([[provisional.id, 'member']]);
    expect((await repo.household.activeGuardianshipsOf([member.id], 'dependent')).map((g) => g.guardianId)).toEqual([confirmed.id]);
    // A confirmed link is not provisional: the single-pair form leaves it too.
    expect(await repo.transaction((tx) => repo.household.endProvisionalGuardianship(confirmed.id, member.id, 'member', tx))).toBeUndefined();

    await repo.transaction((tx) => repo.household.linkGuardian(provisional.id, member.id, 'PARENT', 'AUTHORITY', tx));
    const back = await repo.transaction((tx) => repo.household.guardianship(provisional.id, member.id, tx));
    expect(back).toMatchObject({ relation: 'PARENT', basis: 'AUTHORITY', removedAt: null, removedBy: null });
  });

  it('keeps one pending request per pair, and a decided request leaves the pending list', async () => {
    const [guardian, dependent] = [await person('申请人'), await person('被申请人')];
    const first = await repo.transaction((tx) => repo.guardianshipRequests.requestGuardianship({ id: newId(), guardianId: guardian.id, dependentId: dependent.id, relation: 'CHILD' }, tx));
    const again = await repo.transaction((tx) => repo.guardianshipRequests.requestGuardianship({ id: newId(), guardianId: guardian.id, dependentId: dependent.id, relation: 'CHILD' }, tx));
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, request: { id: first.request.id, status: 'PENDING' } });
    expect((await repo.guardianshipRequests.pendingGuardianshipRequestsFor([dependent.id])).map((r) => r.id)).toEqual([first.request.id]);

    const decided = await repo.transaction(async (tx) => {
      const locked = await repo.guardianshipRequests.lockGuardianshipRequest(first.request.id, tx);
      expect(locked?.status).toBe('PENDING');
      return repo.guardianshipRequests.decideGuardianshipRequest(first.request.id, 'DECLINED', dependent.id, tx);
    });
    expect(decided).toMatchObject({ status: 'DECLINED', decidedBy: dependent.id });
    expect(await repo.guardianshipRequests.pendingGuardianshipRequestsFor([dependent.id])).toEqual([]);
    // Declined, the pair may ask again: a new pending request, not the old one.
    const fresh = await repo.transaction((tx) => repo.guardianshipRequests.requestGuardianship({ id: newId(), guardianId: guardian.id, dependentId: dependent.id, relation: 'CHILD' }, tx));
    expect(fresh.created).toBe(true);
  });
});
