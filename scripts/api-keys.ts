import { pathToFileURL } from 'node:url';
import { loadConfig } from '../common/platform/config.js';
import type { DatabaseHandle } from '../common/platform/db.js';
import { isUuid, newId } from '../common/platform/ids.js';
import { GRID_VISIT_SCOPE, PRINCIPAL_KINDS, type PrincipalKind } from '../common/domain/principal.js';
import { hashApiKey, newApiKey } from '../gateway/credentials.js';
import { GatewayRepository } from '../gateway/db/repository.js';
import { HealthStatusRepository } from '../subgraphs/health-status/db/repository.js';
import { IdentityRepository } from '../subgraphs/identity/db/repository.js';
import { connect, migrateAll } from './stack.js';

/**
 * Operators' API-key tool. The key is shown once and only its SHA-256 is stored; gateways pick a new
 * key up at once and drop a revoked one (and the browser sessions it opened) as soon as the revocation
 * commits: it signals them through NOTIFY.
 *
 *   npm run api-keys -- issue checkpoint <checkpoint id> "民族大道小区南门"
 *   npm run api-keys -- issue channel <channel code> "..."     (a registered channel; also authority, dashboard, admin)
 *   npm run api-keys -- issue employer <credit code> "广西某某有限公司"   (a registered employer: registerEmployer)
 *   npm run api-keys -- issue hotline <operator id> "12345 seat 42"     (one key per operator: limits and audit count per key)
 *   npm run api-keys -- issue checkpoint <checkpoint id> "市民中心政务大厅" --scope service-counter
 *                                               (extra scopes: a service counter verifies identity codes)
 *   npm run api-keys -- revoke <key id>
 *
 * Uses DATABASE_URL, or the PGlite data directory (stop `npm start` first: PGlite has one writer,
 * and the tool refuses while another process holds the directory).
 */

export interface IssuedKey {
  id: string;
  key: string;
  kind: PrincipalKind;
  subject: string;
}

/** Issues a key for a principal; a checkpoint, channel or employer key must name a registered one. */
export async function issueApiKey(
  db: { gateway: DatabaseHandle; 'health-status': DatabaseHandle; identity: DatabaseHandle },
  kind: string,
  subject: string,
  label?: string,
  scopes: string[] = [],
): Promise<IssuedKey> {
  if (!(PRINCIPAL_KINDS as readonly string[]).includes(kind) || kind === 'province') {
    throw new Error(`kind must be one of ${PRINCIPAL_KINDS.filter((k) => k !== 'province').join(', ')} (partners authenticate with their own JWTs)`);
  }
  if (!subject) throw new Error('a subject is required');
  if (kind === 'checkpoint') {
    const [checkpoint] = isUuid(subject) ? await new HealthStatusRepository(db['health-status'].db).checkpoints.checkpointsByIds([subject]) : [];
    if (!checkpoint) throw new Error(`no registered checkpoint ${subject}: registerCheckpoint first`);
    // A grid worker's key may look people up by document and name (gridVisitPerson); no other checkpoint's may.
    if (checkpoint.kind === 'GRID_VISIT') scopes.push(GRID_VISIT_SCOPE);
  }
  if (kind === 'employer' && !(await new IdentityRepository(db.identity.db).employers.employer(subject))) {
    throw new Error(`no registered employer ${subject}: registerEmployer first (the subject is its unified social credit code)`);
  }
  if (kind === 'channel') {
    const channels = await new IdentityRepository(db.identity.db).channels.listChannels();
    if (!channels.some((c) => c.code === subject)) {
      throw new Error(`no registered channel ${subject}: one of ${channels.map((c) => c.code).join(', ')}`);
    }
  }
  const key = newApiKey(kind as PrincipalKind);
  const id = newId();
  await new GatewayRepository(db.gateway.db).upsertKey({ id, keyHash: hashApiKey(key), principalKind: kind, subject, scopes, label: label ?? null });
  return { id, key, kind: kind as PrincipalKind, subject };
}

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  const connection = await connect(loadConfig());
  try {
    const db = await migrateAll(connection);
    if (command === 'issue') {
      const scopes = rest.flatMap((arg, i) => (rest[i - 1] === '--scope' ? [arg] : []));
      const [kind = '', subject = '', label] = rest.filter((arg, i) => arg !== '--scope' && rest[i - 1] !== '--scope');
      const issued = await issueApiKey(db, kind, subject, label, scopes);
      console.log(`issued ${issued.kind} key ${issued.id} for ${issued.subject}\n\n  ${issued.key}\n\nShown once: store it now.`);
    } else if (command === 'revoke' && rest[0]) {
      await new GatewayRepository(db.gateway.db).revokeKey(rest[0]);
      console.log(`revoked ${rest[0]} (gateways stop accepting it, and its browser sessions, at once)`);
    } else {
      console.error('usage: npm run api-keys -- issue <kind> <subject> [label] [--scope <scope>]... | revoke <key id>');
      process.exitCode = 2;
    }
  } finally {
    await connection.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
