import { DEMO_RESIDENTS, DEV_KEYS } from './seed.js';

/**
 * Development helper: what a channel's backend does to open the H5 code page for its user. Prints a
 * one-time launch URL (valid 60 s) for a demo resident, or for any channel user:
 *   npm run h5 -- [channel user] [channel API key]      (defaults: 李明 on WeChat)
 */
const gateway = process.env.GATEWAY_URL ?? `http://127.0.0.1:${process.env.GATEWAY_PORT ?? 4000}`;
const user = process.argv[2] ?? DEMO_RESIDENTS[0].channelUser;
const demo = DEMO_RESIDENTS.find((r) => r.channelUser === user);
const key = process.argv[3] ?? DEV_KEYS.find((k) => k.kind === 'channel' && k.subject === (demo?.channel ?? 'wechat-zzg'))!.key;

const res = await fetch(new URL('/h5/sessions', gateway), { method: 'POST', headers: { 'x-api-key': key, 'x-channel-user': user } });
const body = (await res.json()) as { launchUrl?: string; expiresAt?: string; errors?: { message: string }[] };
if (!res.ok || !body.launchUrl) {
  console.error(`could not open a session for ${user}: ${body.errors?.[0]?.message ?? res.status}`);
  process.exit(1);
}
console.log(`${demo ? `${demo.input.name} (${user})` : user}: open within 60 s, once:\n${body.launchUrl}`);
