import { linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The lock file inside a PGlite data directory; PGlite ignores files it does not know. */
export const LOCK_FILE = 'hcg.lock';

/** Who holds a data directory: enough to tell a live holder from a dead one whose pid came back. */
interface Holder {
  pid: number;
  /** The holder's start time in clock ticks since boot (Linux `/proc/<pid>/stat`), when known. */
  started?: string;
  command?: string;
}

/** Refused because another live process holds the directory. */
export class DatabaseLockedError extends Error {
  override readonly name = 'DatabaseLockedError';
}

/** Directories this process holds: a second PGlite on one of them in the same process is as bad. */
const heldHere = new Set<string>();

function startTimeOf(pid: number): string | undefined {
  try {
    // The command name (2nd field) may hold spaces and parentheses: count fields after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function readHolder(path: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    return typeof holder.pid === 'number' ? (holder as Holder) : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(holder: Holder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    // EPERM: the process exists under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A pid is reused (a container restarted starts at the same small pids): same number, another start.
  const started = startTimeOf(holder.pid);
  return holder.started === undefined || started === undefined || started === holder.started;
}

const sameHolder = (a: Holder | undefined, b: Holder | undefined) => a?.pid === b?.pid && a?.started === b?.started;

/**
 * Takes the one-writer lock of a PGlite data directory (SPEC §8). PGlite keeps its own copy of the
 * database in memory and writes pages back on its own schedule, so a second process on the same
 * directory works on a private copy: its writes vanish or clobber the first's. Refuses with
 * {@link DatabaseLockedError} while a live process holds the directory; a holder that died without
 * releasing it (killed, crashed) is taken over. Released by the returned function, and on exit.
 */
export function lockDataDirectory(dir: string): () => void {
  const path = join(resolve(dir), LOCK_FILE);
  if (heldHere.has(path)) throw new DatabaseLockedError(`PGlite data directory ${resolve(dir)} is already open in this process`);
  const me: Holder = { pid: process.pid, started: startTimeOf(process.pid), command: process.argv.slice(1).join(' ') };
  // Written whole under another name first, then linked into place: link fails if the lock exists,
  // so taking it is atomic and a reader never sees a half-written holder.
  const draft = `${path}.${process.pid}.${Date.now()}`;
  writeFileSync(draft, JSON.stringify(me));
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(draft, path);
        heldHere.add(path);
        const release = (): void => {
          process.off('exit', release);
          if (!heldHere.delete(path)) return;
          // Only our own lock: never one a later process took over from us.
          if (sameHolder(readHolder(path), me)) unlinkSync(path);
        };
        process.on('exit', release);
        return release;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = readHolder(path);
      if (holder && isAlive(holder) && !(holder.pid === process.pid && holder.started === me.started)) {
        const by = holder.command ? `pid ${holder.pid}: ${holder.command}` : `pid ${holder.pid}`;
        throw new DatabaseLockedError(
          `PGlite data directory ${resolve(dir)} is in use by another process (${by}); PGlite has one writer, so stop that process first (or use DATABASE_URL for PostgreSQL)`,
        );
      }
      // Unreadable only if written by hand or cut short by a full disk: stale once it is a minute old.
      if (!holder && Date.now() - statMs(path) < 60_000) throw new DatabaseLockedError(`PGlite data directory ${resolve(dir)} is locked (${path} is unreadable)`);
      // Stale: its holder is gone. Re-read just before removing, so a lock another process has just
      // taken over is not removed in its place.
      if (sameHolder(readHolder(path), holder)) {
        try {
          unlinkSync(path);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        }
      }
    }
    throw new DatabaseLockedError(`PGlite data directory ${resolve(dir)}: could not take its lock (${path})`);
  } finally {
    unlinkSync(draft);
  }
}

function statMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
