import { sql } from 'drizzle-orm';
import { CREDENTIALS_CHANNEL, hashApiKey, newApiKey } from '../../../../common/platform/api-keys.js';
import { addDays } from '../../../../common/domain/dates.js';
import type { Executor } from '../../../../common/platform/db.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../../common/platform/errors.js';
import { newId } from '../../../../common/platform/ids.js';
import type { IdentityContext } from '../../context.js';
import type { ChannelKind, ChannelRow } from '../../db/tables.js';
import type { ChannelApplicationRow } from './channels.repository.js';

const CODE = /^[a-z0-9][a-z0-9-]{1,31}$/;
const MAX_OVERLAP_DAYS = 30;

export interface IssuedChannelKey {
  id: string;
  key: string;
  retiresAt: string | null;
}

const bad = (field: string, reason: string, message: string) => new BadUserInputError(message, { field, reason });

/** An origin as a browser sends it: https (http only for localhost), a host, maybe a port, nothing else. */
export function h5OriginOf(raw: string): string | null {
  try {
    const u = new URL(raw);
    const local = u.hostname === 'localhost' || u.hostname === '127.0.0.1';
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && local)) return null;
    if (u.username || u.password || (u.pathname !== '/' && u.pathname !== '') || u.search || u.hash) return null;
    return u.origin;
  } catch {
    return null;
  }
}

export async function applyForChannel(ctx: IdentityContext, input: { name: string; kind: ChannelKind; contact: string; h5Origin: string }): Promise<ChannelApplicationRow> {
  const name = input.name.trim();
  const contact = input.contact.trim();
  if (!name || name.length > 50) throw bad('input.name', 'BAD_NAME', 'name must be 1-50 characters');
  if (!contact || contact.length > 200) throw bad('input.contact', 'BAD_CONTACT', 'contact must be 1-200 characters');
  const h5Origin = h5OriginOf(input.h5Origin);
  if (!h5Origin) throw bad('input.h5Origin', 'BAD_ORIGIN', 'h5Origin must be an origin such as https://h5.example.com (no path)');
  return ctx.repo.channels.insertApplication({ id: newId(), name, kind: input.kind, contact, h5Origin, appliedBy: `${ctx.principal.kind}:${ctx.principal.subject}` });
}

async function pending(ctx: IdentityContext, id: string, tx: Executor): Promise<ChannelApplicationRow> {
  const app = await ctx.repo.channels.lockApplication(id, tx);
  if (!app) throw new NotFoundError('No such channel application');
  if (app.status !== 'PENDING') throw new ConflictError(`The application was ${app.status.toLowerCase()} already`, { reason: 'ALREADY_DECIDED' });
  return app;
}

async function issueKey(ctx: IdentityContext, channel: string, tx: Executor): Promise<IssuedChannelKey> {
  const key = newApiKey('channel');
  const row = await ctx.repo.channels.insertKey({ id: newId(), channel, keyHash: hashApiKey(key) }, tx);
  return { id: row.id, key, retiresAt: null };
}

/** Gateways LISTEN: they drop their cached credentials when this commits. */
const notifyGateways = (tx: Executor, code: string) => tx.execute(sql`select pg_notify(${CREDENTIALS_CHANNEL}, ${code})`);

/** Approval creates the channel and its first key, shown in this response only. */
export async function approveChannelApplication(ctx: IdentityContext, id: string, code: string): Promise<{ application: ChannelApplicationRow; channel: ChannelRow; key: IssuedChannelKey }> {
  if (!CODE.test(code)) throw bad('code', 'BAD_CHANNEL_CODE', 'code must be 2-32 of a-z 0-9 - (starting with a letter or digit)');
  return ctx.repo.transaction(async (tx) => {
    const app = await pending(ctx, id, tx);
    const created = await ctx.repo.channels.createChannel({ code, name: app.name, kind: app.kind, contact: app.contact, h5Origin: app.h5Origin }, tx);
    if (!created) throw new ConflictError(`Channel code ${code} is taken`, { reason: 'CHANNEL_CODE_TAKEN' });
    const key = await issueKey(ctx, code, tx);
    const application = await ctx.repo.channels.decideApplication(id, { status: 'APPROVED', channelCode: code, decidedBy: ctx.principal.subject }, tx);
    const channel = (await ctx.repo.channels.lockChannel(code, tx))!;
    return { application, channel, key };
  });
}

export async function rejectChannelApplication(ctx: IdentityContext, id: string, reason: string): Promise<ChannelApplicationRow> {
  if (!reason.trim() || reason.length > 500) throw bad('reason', 'BAD_REASON', 'reason must be 1-500 characters');
  return ctx.repo.transaction(async (tx) => {
    await pending(ctx, id, tx);
    return ctx.repo.channels.decideApplication(id, { status: 'REJECTED', rejectionReason: reason.trim(), decidedBy: ctx.principal.subject }, tx);
  });
}

async function lockedChannel(ctx: IdentityContext, code: string, tx: Executor): Promise<ChannelRow> {
  const channel = await ctx.repo.channels.lockChannel(code, tx);
  if (!channel) throw new NotFoundError(`No channel ${code}`);
  return channel;
}

/**
 * A new key beside the current one; the current one keeps working until `retireOldAt` (at most
 * 30 days ahead), so the channel can roll its servers over. Two active keys at most.
 */
export async function rotateChannelKey(ctx: IdentityContext, code: string, retireOldAt: string): Promise<{ channel: ChannelRow; key: IssuedChannelKey; retiring: { id: string; retiresAt: string }[] }> {
  const now = ctx.clock();
  const at = Date.parse(retireOldAt);
  if (Number.isNaN(at) || at <= now.getTime() || at > Date.parse(`${addDays(ctx.today, MAX_OVERLAP_DAYS + 1)}T00:00:00+08:00`)) {
    throw bad('retireOldAt', 'BAD_RETIREMENT', `retireOldAt must be in the future and at most ${MAX_OVERLAP_DAYS} days ahead`);
  }
  return ctx.repo.transaction(async (tx) => {
    const channel = await lockedChannel(ctx, code, tx);
    const active = await ctx.repo.channels.activeKeys(code, now, tx);
    if (active.length >= 2) throw new ConflictError('A rotation is in progress: two keys are active until the older retires', { reason: 'ROTATION_IN_PROGRESS' });
    const retiresAt = new Date(at).toISOString();
    for (const k of active) await ctx.repo.channels.retireKey(k.id, retiresAt, tx);
    const key = await issueKey(ctx, code, tx);
    await notifyGateways(tx, code);
    return { channel, key, retiring: active.map((k) => ({ id: k.id, retiresAt })) };
  });
}

/** Takes effect at once: gateways drop the channel's cached keys when this commits. */
export async function setChannelStatus(ctx: IdentityContext, code: string, status: ChannelRow['status'], reason: string | null): Promise<ChannelRow> {
  if (status === 'SUSPENDED' && (!reason?.trim() || reason.length > 500)) throw bad('reason', 'BAD_REASON', 'reason must be 1-500 characters');
  return ctx.repo.transaction(async (tx) => {
    await lockedChannel(ctx, code, tx);
    const row = await ctx.repo.channels.setChannelStatus(code, status, status === 'SUSPENDED' ? reason!.trim() : null, tx);
    await notifyGateways(tx, code);
    return row;
  });
}

export interface ChannelUsageView {
  channel: string;
  registeredUsers: number;
  days: { date: string; requests: number; errors: { code: string; count: number }[] }[];
}

/** Requests per day and errors by code over the last `days` days (today included), and registered users. */
export async function channelUsage(ctx: IdentityContext, code: string, days: number): Promise<ChannelUsageView> {
  if (!Number.isInteger(days) || days < 1 || days > 92) throw bad('days', 'BAD_DAYS', 'days must be between 1 and 92');
  if (!(await ctx.loaders.channels()).some((c) => c.code === code)) throw new NotFoundError(`No channel ${code}`);
  const rows = await ctx.repo.channels.usage(code, addDays(ctx.today, -(days - 1)));
  const byDay = new Map<string, ChannelUsageView['days'][number]>();
  for (const r of rows) {
    const d = byDay.get(r.day) ?? { date: r.day, requests: 0, errors: [] };
    byDay.set(r.day, d);
    d.requests += r.count;
    if (r.outcome !== 'OK') d.errors.push({ code: r.outcome, count: r.count });
  }
  return { channel: code, registeredUsers: await ctx.repo.channels.registeredUsers(code), days: [...byDay.values()] };
}
