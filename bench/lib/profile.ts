import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of a V8 `.cpuprofile` (node --cpu-prof) a summary needs. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Where a frame's time is charged: the npm package its file belongs to, Node's own code, our code
 * (dist/ or sources), or V8's pseudo-frames (GC, idle, program).
 */
export function categoryOf(url: string, functionName: string): string {
  if (!url) return functionName === '(garbage collector)' ? 'GC' : functionName === '(idle)' ? 'idle' : functionName === '(program)' ? 'V8 (program)' : `native ${functionName || '(anonymous)'}`;
  if (url.startsWith('node:')) return 'Node core';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  return 'our code';
}

/** Self time by category over every profile in `dir`, as shares of the non-idle time. */
export function summarizeProfiles(dir: string): { samplesMs: number; shares: { category: string; percent: number }[] } {
  const self = new Map<string, number>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const category = new Map(profile.nodes.map((n) => [n.id, categoryOf(n.callFrame.url, n.callFrame.functionName)]));
    profile.samples.forEach((id, i) => {
      const c = category.get(id) ?? 'unknown';
      self.set(c, (self.get(c) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
  }
  self.delete('idle');
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const shares = [...self.entries()].map(([category, ms]) => ({ category, percent: (100 * ms) / total })).sort((a, b) => b.percent - a.percent);
  return { samplesMs: total, shares };
}
