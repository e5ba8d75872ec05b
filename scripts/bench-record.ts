import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { format, resolveConfig } from 'prettier';

const FILE = 'docs/BENCHMARKS.md';
const HEADER = `# Benchmarks

Written by \`npm run bench\`: each section by its own script (\`bench:book\`, \`bench:mail\`,
\`bench:report\`, \`bench:office\`) at the end of its run, with the day, the machine and Node. Never edited by hand;
how each figure is taken is in [DEVELOPING.md](DEVELOPING.md#benchmarks). On a shared machine only
the ratios taken in the same run mean much.
`;

/**
 * What a benchmark prints: shown as it comes, and kept as the benchmark's section of
 * docs/BENCHMARKS.md, so the tables there are always what a run printed.
 */
export class BenchRecord {
  private readonly lines: string[] = [];

  constructor(
    private readonly name: string,
    private readonly title: string,
  ) {}

  line(text = ''): void {
    console.log(text);
    this.lines.push(text);
  }

  table(results: [string, number][]): void {
    this.line('| what | median |');
    this.line('| --- | ---: |');
    for (const [label, ms] of results) this.line(`| ${label} | ${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms |`);
  }

  /** Replaces this benchmark's section of docs/BENCHMARKS.md (the others are kept). */
  async save(): Promise<void> {
    const cpu = cpus();
    const machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${type()} ${release()}, Node ${process.version}`;
    const section = [
      `<!-- ${this.name} -->`,
      `## ${this.title}`,
      '',
      `${new Date().toISOString().slice(0, 10)} — ${machine}`,
      '',
      ...this.lines,
      `<!-- /${this.name} -->`,
    ].join('\n');
    const text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : HEADER;
    const own = new RegExp(`<!-- ${this.name} -->[\\s\\S]*?<!-- /${this.name} -->`);
    const next = own.test(text) ? text.replace(own, section) : `${text.trimEnd()}\n\n${section}\n`;
    // Formatted as the repository's check expects.
    writeFileSync(FILE, await format(next, { ...(await resolveConfig(FILE)), filepath: FILE }));
    console.log(`\n(written to ${FILE})`);
  }
}
