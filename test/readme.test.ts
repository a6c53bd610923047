import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_PORTS } from '../common/platform/config.js';
import { ROOT } from '../scripts/supergraph.js';

/**
 * The README is a newcomer's map (issue 22): its module table and its process list must name what the
 * tree holds, as test/e2e/tour.test.ts keeps the tour true. A module folder added without a row, a row
 * for a folder that is gone, a process added to package.json or docker-compose.yml but not to the list,
 * and a link to a file or heading that moved all fail here, with the names in the diff.
 */

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The README's `## <title>` section, up to the next `## ` heading. */
function section(markdown: string, title: string): string {
  const body = markdown.split(new RegExp(`^## ${title}$`, 'm'))[1];
  if (body === undefined) throw new Error(`no "## ${title}" section`);
  return body.split(/^## /m)[0]!;
}

/** A markdown table's body rows as trimmed cells (the header and the `|---|` line left out). */
function tableRows(markdown: string, header: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === header);
  if (start < 0) throw new Error(`no table with the header ${header}`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1).map((cell) => cell.trim()));
  }
  return rows;
}

/** `name` for a cell that is exactly one code span, else undefined. */
function codeSpan(cell: string): string | undefined {
  return /^`([^`]+)`$/.exec(cell)?.[1];
}

/** `<subgraph>/<module>` for every folder under subgraphs/*\/modules/. */
function moduleFolders(): string[] {
  const subgraphs = join(ROOT, 'subgraphs');
  return readdirSync(subgraphs)
    .filter((name) => existsSync(join(subgraphs, name, 'modules')))
    .flatMap((name) =>
      readdirSync(join(subgraphs, name, 'modules'), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => `${name}/${entry.name}`),
    )
    .sort();
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Relative link targets of a markdown file: `[text](target)` and `<img src="target">`, URLs left out. */
function relativeLinks(markdown: string): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)\)/g), ...markdown.matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => m[1]!);
  return targets.filter((target) => !/^[a-z]+:/i.test(target));
}

function headingsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```$/gm, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));
}

describe('README.md', () => {
  it('stays a read of an hour: at most 14 KB, the benchmark log, library notes and long tables in docs/', () => {
    expect(Buffer.byteLength(README)).toBeLessThanOrEqual(14 * 1024);
  });

  it('has a row in the module table for every subgraphs/*/modules/* folder, and no row for a folder that is not there', () => {
    const rows = tableRows(section(README, 'Where things are'), '| subgraph | module | what it holds |');
    const listed = rows.map(([subgraph, module]) => `${subgraph}/${codeSpan(module ?? '') ?? `(not a code span: ${module})`}`);
    expect(listed.filter((entry, i) => listed.indexOf(entry) !== i)).toEqual([]);
    expect([...listed].sort()).toEqual(moduleFolders());
  });

  it('lists as processes exactly the start:* scripts of package.json and the services docker-compose.yml runs with them, on their default ports', () => {
    const processes = section(README, 'Processes');
    const rows = tableRows(processes, '| process | script | port |');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, { command?: string[] }> };

    const listed = rows.map(([name]) => name!).sort();
    const scripts = Object.keys(pkg.scripts)
      .filter((script) => script.startsWith('start:'))
      .map((script) => script.slice('start:'.length))
      .sort();
    const started = Object.entries(compose.services)
      .filter(([, service]) => service.command?.join(' ').startsWith('npm run start:'))
      .map(([name, service]) => {
        expect(service.command, `docker-compose service ${name}`).toEqual(['npm', 'run', `start:${name}`]);
        return name;
      })
      .sort();
    expect(listed).toEqual(scripts);
    expect(listed).toEqual(started);
    for (const [name, script, port] of rows) {
      expect(codeSpan(script!), `the script of ${name}`).toBe(`start:${name}`);
      expect(Number(port), `the port of ${name}`).toBe(DEFAULT_PORTS[name as keyof typeof DEFAULT_PORTS]);
    }
    // The services beside the processes (the database, Redis, NATS, Jaeger) are named in the section.
    const others = Object.keys(compose.services).filter((name) => !started.includes(name));
    expect(others.filter((name) => !processes.includes(`\`${name}\``))).toEqual([]);
  });

  it('links only to files and headings that exist, as do the docs it links to', () => {
    const files = [join(ROOT, 'README.md'), ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join(ROOT, 'docs', f))];
    const broken: string[] = [];
    for (const file of files) {
      for (const link of relativeLinks(readFileSync(file, 'utf8'))) {
        const [path, anchor] = link.split('#') as [string, string | undefined];
        const target = path ? resolve(dirname(file), decodeURI(path)) : file;
        const where = `${relative(ROOT, file)} → ${link}`;
        if (!existsSync(target)) broken.push(`${where}: no such file`);
        else if (anchor && statSync(target).isFile() && target.endsWith('.md') && !headingsOf(target).has(decodeURIComponent(anchor))) {
          broken.push(`${where}: no such heading`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
