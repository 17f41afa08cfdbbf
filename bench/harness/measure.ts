/**
 * Times whole commands the way ../shared/bench/lib.sh does: hyperfine (warm-ups, a
 * `--prepare` reset before every run, the median) with each run wrapped in GNU time for its
 * peak RSS. Commands given together run in one hyperfine call, back to back, so a pair of
 * tools sees the same machine state. Without hyperfine (or with --interleave) a Node loop
 * does the same, and can alternate the commands run by run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GNU_TIME } from '../paths.js';
import { hasCommand, lastLines, q, run } from './shell.js';

export interface TimedCommand {
  /** Unique benchmark name (`b1-pg-n500-ts-check`), also the raw file names. */
  readonly name: string;
  /** Run through bash in `cwd`. */
  readonly command: string;
  readonly cwd: string;
  /** Runs before every run, warm-ups included, in `cwd`; not timed. */
  readonly prepare?: string;
  /** A non-zero exit is expected (`check` exits 1 when it finds differences). */
  readonly allowExitCodes?: readonly number[];
}

export interface Timing {
  readonly name: string;
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly meanMs: number;
  /** Median over every run (warm-ups too) of the process tree's peak RSS. */
  readonly peakRssKb: number | null;
  readonly exitCodes: readonly number[];
}

export interface MeasureSettings {
  readonly runs: number;
  readonly warmup: number;
  readonly rawDir: string;
  readonly env: NodeJS.ProcessEnv;
  /** false: time with the Node loop even when hyperfine is installed. */
  readonly hyperfine: boolean;
  /** Alternate the commands run by run (Node loop; hyperfine runs each command's runs in a block). */
  readonly interleave: boolean;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const rssFile = (settings: MeasureSettings, name: string): string => join(settings.rawDir, `${name}.rss`);

/** `cd cwd && command`, inside GNU time when it is there. */
function wrapped(command: TimedCommand, settings: MeasureSettings): string {
  const inner = `cd ${q(command.cwd)} && ${command.command}`;
  if (!existsSync(GNU_TIME)) return `bash -c ${q(inner)}`;
  return `${GNU_TIME} -f %M -a -o ${q(rssFile(settings, command.name))} bash -c ${q(inner)}`;
}

function readRss(settings: MeasureSettings, name: string): number | null {
  const path = rssFile(settings, name);
  if (!existsSync(path)) return null;
  const samples = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => /^\d+$/.test(line.trim()))
    .map(Number);
  return samples.length === 0 ? null : median(samples);
}

function summarize(name: string, seconds: readonly number[], exitCodes: readonly number[], settings: MeasureSettings): Timing {
  const ms = seconds.map((s) => s * 1000);
  return {
    name,
    runs: ms.length,
    medianMs: median(ms),
    minMs: Math.min(...ms),
    maxMs: Math.max(...ms),
    meanMs: ms.reduce((a, b) => a + b, 0) / ms.length,
    peakRssKb: readRss(settings, name),
    exitCodes,
  };
}

function checkExitCodes(command: TimedCommand, codes: readonly number[]): void {
  const allowed = [0, ...(command.allowExitCodes ?? [])];
  const bad = codes.find((code) => !allowed.includes(code));
  if (bad !== undefined) throw new Error(`${command.name}: "${command.command}" exited with ${bad} while timed (in ${command.cwd})`);
}

interface HyperfineResult {
  readonly command: string;
  readonly times: readonly number[];
  readonly exit_codes?: readonly number[];
}

function withHyperfine(commands: readonly TimedCommand[], settings: MeasureSettings): Timing[] {
  const json = join(settings.rawDir, `${commands[0]!.name}.hyperfine.json`);
  const args = ['hyperfine', '--style', 'basic', '--warmup', String(settings.warmup), '--runs', String(settings.runs)];
  args.push('--export-json', json, '--ignore-failure');
  if (commands.some((c) => c.prepare !== undefined)) {
    for (const c of commands) args.push('--prepare', c.prepare === undefined ? 'true' : `cd ${q(c.cwd)} && ${c.prepare}`);
  }
  for (const c of commands) args.push('--command-name', c.name);
  for (const c of commands) args.push(wrapped(c, settings));
  const out = run(args, { env: settings.env, allowFailure: true });
  if (out.status !== 0) throw new Error(`hyperfine failed for ${commands.map((c) => c.name).join(', ')}:\n${lastLines(out.stderr)}`);
  const results = (JSON.parse(readFileSync(json, 'utf8')) as { results: HyperfineResult[] }).results;
  return commands.map((c, i) => {
    const r = results[i]!;
    const codes = r.exit_codes ?? [];
    checkExitCodes(c, codes);
    return summarize(c.name, r.times, codes, settings);
  });
}

function timeOnce(c: TimedCommand, settings: MeasureSettings): { seconds: number; code: number } {
  if (c.prepare !== undefined) run(['bash', '-c', `cd ${q(c.cwd)} && ${c.prepare}`], { env: settings.env });
  const start = process.hrtime.bigint();
  const result = spawnSync('bash', ['-c', wrapped(c, settings)], { env: { ...process.env, ...settings.env }, stdio: 'ignore' });
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, code: result.status ?? -1 };
}

/**
 * Without hyperfine. Interleaved, round `i` runs every command once before round `i + 1`,
 * so a pair of tools shares whatever load the machine has at that moment.
 */
function withNodeLoop(commands: readonly TimedCommand[], settings: MeasureSettings): Timing[] {
  const seconds = commands.map((): number[] => []);
  const codes = commands.map((): number[] => []);
  const record = (index: number, round: number): void => {
    const { seconds: s, code } = timeOnce(commands[index]!, settings);
    if (round < settings.warmup) return;
    seconds[index]!.push(s);
    codes[index]!.push(code);
  };
  const rounds = settings.warmup + settings.runs;
  if (settings.interleave) {
    for (let round = 0; round < rounds; round++) commands.forEach((_, i) => record(i, round));
  } else {
    commands.forEach((_, i) => {
      for (let round = 0; round < rounds; round++) record(i, round);
    });
  }
  return commands.map((c, i) => {
    checkExitCodes(c, codes[i]!);
    return summarize(c.name, seconds[i]!, codes[i]!, settings);
  });
}

/** Times the commands one after another (all runs of the first, then the second, ...) unless interleaved. */
export function measure(commands: readonly TimedCommand[], settings: MeasureSettings): Timing[] {
  if (commands.length === 0) return [];
  mkdirSync(settings.rawDir, { recursive: true });
  for (const c of commands) writeFileSync(rssFile(settings, c.name), '');
  const hyperfine = settings.hyperfine && !settings.interleave && hasCommand('hyperfine');
  return hyperfine ? withHyperfine(commands, settings) : withNodeLoop(commands, settings);
}
