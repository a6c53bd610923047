import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../common/platform/audit.js';
import type { DeclarationRecorded } from '../common/platform/events/contracts.js';
import { newId } from '../common/platform/ids.js';
import type { HealthStatusRepository } from '../subgraphs/health-status/db/repository.js';
import { reevaluate, type EvaluationDeps } from '../subgraphs/health-status/modules/codes/evaluation.js';
import type { TestDatabase } from './helpers/db.js';
import { healthStatusOnDatabase } from './helpers/health-status.js';

const DAY = '2026-12-09';
const NOW = new Date(`${DAY}T12:00:00+08:00`);
const ACTOR = systemActor('test');

function version(personId: string, v: number, temperature: number, symptoms: string[] = [], exposures: string[] = []): DeclarationRecorded {
  return {
    declarationId: newId(),
    personId,
    localDate: DAY,
    version: v,
    temperature,
    symptoms,
    exposures: exposures.map((kind) => ({ kind, regionCode: null, provinceCode: null })),
    normal: temperature < 37.3 && !symptoms.length && !exposures.length,
    submittedAt: `${DAY}T08:00:00.000+08:00`,
  };
}

// Issue 21, item 4, against health-status's own tables: what the declaration events leave in
// day_facts, and how the stored code reads it under gx-2026.1.
describe('amended days in health-status (DeclarationRecorded → day facts → code)', () => {
  let db: TestDatabase;
  let repo: HealthStatusRepository;
  let deps: EvaluationDeps;

  beforeAll(async () => {
    ({ db, repo, deps } = await healthStatusOnDatabase());
  });
  afterAll(async () => {
    await db?.drop();
  });

  const apply = (d: DeclarationRecorded) => repo.transaction((tx) => repo.facts.applyDeclaration(tx, d));
  const judge = async (personId: string) => {
    const ev = (await repo.transaction((tx) => reevaluate(deps, tx, [personId], NOW, ACTOR))).get(personId)!;
    return { color: ev.color, ruleVersion: ev.ruleVersion, reasons: ev.reasons.map((r) => [r.code, r.correctionDays]) };
  };

  it('keeps every version, whatever order and however often the events arrive, and counts the strictest', async () => {
    const personId = newId();
    const mistyped = version(personId, 1, 38.6, ['FEVER', 'COUGH']);
    // The amendment first, then the first version twice: delivery is at least once, in no set order.
    for (const d of [version(personId, 2, 36.6), mistyped, mistyped]) await apply(d);
    const [row] = await repo.facts.factsOf([personId], DAY);
    expect(row!.versions).toEqual({
      1: { temperature: 38.6, symptoms: true, exposures: [] },
      2: { temperature: 36.6, symptoms: false, exposures: [] },
    });
    // The flat columns stay the latest version's, as gx-2020.1 reads them.
    expect([row!.declarationVersion, Number(row!.maxTemperature), row!.symptoms]).toEqual([2, 36.6, false]);
    expect(await judge(personId)).toEqual({
      color: 'YELLOW',
      ruleVersion: 'gx-2026.1',
      reasons: [
        ['Y_FEVER', [DAY]],
        ['Y_SYMPTOMS', [DAY]],
      ],
    });
  });

  it('counts the latest version once a correction is upheld, and judges a later amendment anew', async () => {
    const personId = newId();
    await apply(version(personId, 1, 38.6, ['FEVER', 'COUGH']));
    await apply(version(personId, 2, 36.6));
    await repo.transaction((tx) => repo.facts.acceptCorrection(personId, DAY, tx));
    expect(await judge(personId)).toEqual({ color: 'GREEN', ruleVersion: 'gx-2026.1', reasons: [] });
    // An amendment adding an exposure counts at once; one dropping it again waits for a correction.
    await apply(version(personId, 3, 36.6, [], ['FEVER_CLINIC_VISIT']));
    expect(await judge(personId)).toMatchObject({ color: 'YELLOW', reasons: [['Y_FEVER_CLINIC', []]] });
    await apply(version(personId, 4, 36.6));
    expect(await judge(personId)).toMatchObject({ color: 'YELLOW', reasons: [['Y_FEVER_CLINIC', [DAY]]] });
  });
});
