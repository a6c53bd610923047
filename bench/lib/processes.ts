import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cleanUpOnInterrupt } from './db.js';

/**
 * The graph's processes as the benchmark runs them: spawned, awaited until ready, measured through
 * /proc (CPU) and /metrics (statements, requests), and stopped. Linux only (reads /proc).
 */

/** The tests' helper: an ephemeral port on 127.0.0.1. */
export { freePort } from '../../test/helpers/processes.js';

export interface Service {
  name: string;
  child: ChildProcess;
  /** Where its /metrics is, for the processes that serve one. */
  origin: string;
  output: string[];
}

/** Every process a benchmark started and has not seen exit: none may outlive the run, even an interrupted one. */
const live = new Set<ChildProcess>();
let reaping = false;
function reapOnExit(): void {
  if (reaping) return;
  reaping = true;
  const killAll = () => {
    for (const child of live) child.kill('SIGKILL');
  };
  process.on('exit', killAll);
  // Interrupted: the children first, then bench/lib/db.ts drops the databases and exits (an exit here
  // would leave them behind, as it did before issue 24).
  cleanUpOnInterrupt(killAll);
}

export function spawnService(name: string, args: string[], env: Record<string, string>, origin: string): Service {
  reapOnExit();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.on('exit', () => live.delete(child));
  const output: string[] = [];
  const keep = (d: Buffer) => {
    output.push(d.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { name, child, origin, output };
}

export async function waitReady(service: Service, path: string, timeoutMs = 300_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (service.child.exitCode !== null) throw new Error(`${service.name} exited with ${service.child.exitCode}:\n${service.output.join('').slice(-3000)}`);
    const ok = await fetch(new URL(path, service.origin), { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${service.name} not ready in ${timeoutMs} ms:\n${service.output.join('').slice(-3000)}`);
}

/** Until the process prints a line matching `pattern` (a peer saying where it listens). */
export async function waitOutput(service: Service, pattern: RegExp, timeoutMs = 300_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (pattern.test(service.output.join(''))) return;
    if (service.child.exitCode !== null) throw new Error(`${service.name} exited with ${service.child.exitCode}:\n${service.output.join('').slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${service.name} not ready in ${timeoutMs} ms:\n${service.output.join('').slice(-3000)}`);
}

export async function stopService(service: Service): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      service.child.kill('SIGKILL');
      resolve();
    }, 15_000);
    service.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    service.child.kill('SIGTERM');
  });
}

const TICKS_PER_SECOND = 100;

/** utime + stime of one process, in seconds; 0 once it is gone. */
function cpuOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of proc(5), counted from the state (field 3) here.
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Pids of every process whose `/proc/<pid>/<file>` passes `test` (a process gone between listing and reading is skipped). */
function pidsWhere(file: 'stat' | 'comm', test: (content: string) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (test(readFileSync(`/proc/${entry}/${file}`, 'utf8'))) pids.push(Number(entry));
    } catch {
      // Gone between listing and reading.
    }
  }
  return pids;
}

/** A process and its children (a gateway's cluster workers), by parent pid. */
export function processTree(pid: number): number[] {
  return [pid, ...pidsWhere('stat', (stat) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid)];
}

/**
 * Every PostgreSQL server process on the machine (postmaster, backends, background workers): the
 * database's share of the CPU. Only meaningful on a quiet machine; a backend that exits between two
 * snapshots takes its CPU time with it (the pools keep theirs open for the whole run).
 */
export function postgresPids(): number[] {
  return pidsWhere('comm', (comm) => comm.trim() === 'postgres');
}

export const cpuSeconds = (pids: readonly number[]): number => pids.reduce((sum, pid) => sum + cpuOf(pid), 0);

/** Sums of Prometheus counters by name (over every label set) from one /metrics answer. */
export async function scrape(origin: string, token: string, names: readonly string[]): Promise<Record<string, number>> {
  const out = Object.fromEntries(names.map((n) => [n, 0]));
  const res = await fetch(new URL('/metrics', origin), { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5000) }).catch(() => undefined);
  if (!res?.ok) return out;
  for (const line of (await res.text()).split('\n')) {
    if (line.startsWith('#')) continue;
    const name = /^([a-zA-Z_:][\w:]*)/.exec(line)?.[1];
    if (name && name in out) out[name]! += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return out;
}
