import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../common/platform/db.js';
import type { DeclarationRecorded } from '../../../common/platform/events/contracts.js';
import { dayFacts, type DayFactRow } from './tables.js';

/** Day facts (declared and measured), projected from declarations' events and checkpoint fevers: what the colour rules read. */
export class FactsRepository {
  constructor(private readonly db: Database) {}

  /**
   * A declaration version becomes the day's facts, unless a later version of that day is already
   * applied (events of different transactions may arrive out of order); every version is kept
   * beside them, for the rule set to decide which count.
   */
  async applyDeclaration(tx: Executor, d: DeclarationRecorded): Promise<void> {
    const values = {
      personId: d.personId,
      localDate: d.localDate,
      declared: true,
      maxTemperature: d.temperature,
      symptoms: d.symptoms.length > 0,
      exposures: d.exposures.map((e) => e.kind),
      arrivedFrom: d.exposures.flatMap((e) => (e.kind === 'ARRIVED_FROM_OTHER_PROVINCE' && e.provinceCode ? [e.provinceCode] : [])),
      declarationVersion: d.version,
      versionsReceived: 1,
      versions: { [d.version]: { temperature: d.temperature, symptoms: d.symptoms.length > 0, exposures: d.exposures.map((e) => e.kind) } },
    };
    await tx
      .insert(dayFacts)
      .values(values)
      .onConflictDoUpdate({
        target: [dayFacts.personId, dayFacts.localDate],
        set: {
          declared: sql`case when excluded.declaration_version >= ${dayFacts.declarationVersion} then true else ${dayFacts.declared} end`,
          maxTemperature: sql`case when excluded.declaration_version >= ${dayFacts.declarationVersion} then excluded.max_temperature else ${dayFacts.maxTemperature} end`,
          symptoms: sql`case when excluded.declaration_version >= ${dayFacts.declarationVersion} then excluded.symptoms else ${dayFacts.symptoms} end`,
          exposures: sql`case when excluded.declaration_version >= ${dayFacts.declarationVersion} then excluded.exposures else ${dayFacts.exposures} end`,
          arrivedFrom: sql`case when excluded.declaration_version >= ${dayFacts.declarationVersion} then excluded.arrived_from else ${dayFacts.arrivedFrom} end`,
          declarationVersion: sql`greatest(excluded.declaration_version, ${dayFacts.declarationVersion})`,
          versionsReceived: sql`${dayFacts.versionsReceived} + 1`,
          versions: sql`${dayFacts.versions} || excluded.versions`,
          updatedAt: sql`now()`,
        },
      });
  }

  /**
   * An upheld correction (mistaken entry) of one day: the day's latest version received so far
   * counts from now on, and the earlier ones no longer do; a later amendment is judged anew.
   */
  async acceptCorrection(personId: string, localDate: string, ex: Executor): Promise<void> {
    await ex
      .update(dayFacts)
      .set({ correctedFrom: sql`${dayFacts.declarationVersion}`, updatedAt: sql`now()` })
      .where(and(eq(dayFacts.personId, personId), eq(dayFacts.localDate, localDate)));
  }

  factsOf(personIds: readonly string[], from: string, ex: Executor = this.db): Promise<DayFactRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return ex
      .select()
      .from(dayFacts)
      .where(and(inArray(dayFacts.personId, [...personIds]), gte(dayFacts.localDate, from)));
  }

  /** A fever measured at a checkpoint makes the day abnormal, like a declared one. */
  async recordCheckpointFever(personId: string, localDate: string, temperature: number, ex: Executor): Promise<void> {
    await ex
      .insert(dayFacts)
      .values({ personId, localDate, checkpointFever: true, maxTemperature: temperature })
      .onConflictDoUpdate({
        target: [dayFacts.personId, dayFacts.localDate],
        set: { checkpointFever: true, maxTemperature: sql`greatest(${dayFacts.maxTemperature}, excluded.max_temperature)`, updatedAt: sql`now()` },
      });
  }
}
