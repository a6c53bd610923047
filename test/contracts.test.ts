import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AUDIENCES, CONTRACT_FILE, contractText, type Audience } from '../gateway/contracts.js';
import { SUPERGRAPH_FILE } from '../scripts/supergraph.js';

const supergraph = readFileSync(SUPERGRAPH_FILE, 'utf8');
const contract = (audience: Audience): GraphQLSchema => buildSchema(readFileSync(CONTRACT_FILE(audience), 'utf8'));
const fields = (schema: GraphQLSchema, type: string): string[] => {
  const t = schema.getType(type);
  return t && 'getFields' in t ? Object.keys(t.getFields()).sort() : [];
};
const operations = (file: string) => (JSON.parse(readFileSync(new URL(`../schema/${file}`, import.meta.url), 'utf8')) as { operations: { name: string; body: string }[] }).operations;

describe('per-audience schema contracts (schema/contracts/<audience>.graphql)', () => {
  it.each(AUDIENCES)('the %s contract is what the supergraph and its tags make (run `npm run compose`)', (audience) => {
    expect(readFileSync(CONTRACT_FILE(audience), 'utf8')).toBe(contractText(supergraph, audience));
  });

  it.each([
    ['channel', 'persisted-operations.json'],
    ['dashboard', 'dashboard-operations.json'],
    ['checkpoint', 'verifier-operations.json'],
  ] as const)('every published %s operation (%s) validates against its contract', (audience, file) => {
    const schema = contract(audience);
    for (const op of operations(file)) expect(validate(schema, parse(op.body)).map((e) => e.message), op.name).toEqual([]);
  });

  it('every GB/T 38963 operation (national-operations.json) validates against the contract of whom it runs as: a checkpoint verifies, a channel user does the rest', () => {
    const ops = operations('national-operations.json');
    expect(ops.length).toBeGreaterThan(0);
    for (const op of ops) {
      const schema = contract(op.name === 'Gbt38963Verify' ? 'checkpoint' : 'channel');
      expect(validate(schema, parse(op.body)).map((e) => e.message), op.name).toEqual([]);
    }
  });

  it('gives each audience its own roots and nothing of the others', () => {
    const channel = contract('channel');
    expect(fields(channel, 'Query')).toEqual(['channels', 'me', 'person', 'retentionPolicy']);
    expect(fields(channel, 'Mutation')).not.toContain('verifyCode');
    expect(fields(channel, 'Person')).toContain('identityCode');
    expect(fields(channel, 'Person')).not.toContain('riskDesignations');
    expect(channel.getType('RegionColorCount')).toBeUndefined();

    const dashboard = contract('dashboard');
    // designationReport: the transparency report's counters (issue 26), public anyway; retentionPolicy: the data policy.
    expect(fields(dashboard, 'Query')).toEqual(['colorCounts', 'declarationsPerDay', 'designationReport', 'placeCheckInsPerHour', 'retentionPolicy', 'scansPerCheckpoint']);
    expect(dashboard.getMutationType()).toBeUndefined();
    expect(dashboard.getType('Person')).toBeUndefined();

    expect(fields(contract('checkpoint'), 'Mutation')).toEqual(['confirmGuardianshipOnGridVisit', 'recordGridVisit', 'recordRoadCheck', 'verifyCode', 'verifyForeignCode', 'verifyIdentityCode']);
    expect(fields(contract('checkpoint'), 'Query')).toContain('gridVisitPerson');
    expect(fields(contract('checkpoint'), 'Query')).toContain('myCheckpoint');
    // An employer sees its staff and their summary; the hotline one caller at a time, and its appeals.
    expect(fields(contract('employer'), 'Query')).toEqual(['returnToWorkSummary', 'staff']);
    expect(contract('employer').getMutationType()).toBeUndefined();
    expect(contract('employer').getType('Person')).toBeUndefined();
    expect(fields(contract('hotline'), 'Query')).toEqual(['hotlineCaller']);
    expect(fields(contract('hotline'), 'Mutation')).toEqual(['addAppealNote', 'fileAppealForCaller']);
    expect(contract('hotline').getType('Person')).toBeUndefined();
    expect(contract('checkpoint').getType('Person')).toBeUndefined();
    // Partners (SPEC §1) reach interop and nothing else.
    expect(fields(contract('province'), 'Mutation')).toEqual(['requestResidentStatus', 'submitTravellerStatus']);
    expect(fields(contract('province'), 'Query')).toEqual(['trustList']);
  });

  it('prunes what a contract cannot reach: no input, enum or type of another audience remains', () => {
    const dashboard = Object.keys(contract('dashboard').getTypeMap()).filter((n) => !n.startsWith('__'));
    expect(dashboard.sort()).toEqual(
      // HiddenCell, HiddenReason and Color: why a dashboard count is null, and the colour it counts.
      // Place, PlaceKind and PlaceHourCount: check-ins per place and hour (issue 25), no visit, no person.
      // DesignationReport(Row) and RiskKind: the transparency report's rows. Retention*: the data policy (docs/retention.md).
      ['Boolean', 'Checkpoint', 'CheckpointKind', 'CheckpointScanCount', 'Color', 'Date', 'DateTime', 'DeclarationDayCount', 'DesignationReport', 'DesignationReportRow', 'HiddenCell', 'HiddenReason', 'ID', 'Int', 'Place', 'PlaceHourCount', 'PlaceKind', 'Query', 'RegionColorCount', 'RegionLevel', 'RetentionClock', 'RetentionKind', 'RetentionPolicy', 'RetentionRule', 'RiskKind', 'String'].sort(),
    );
  });
});
