/**
 * Where things are printed: results on stdout, progress and errors on stderr, JSON when
 * `--json` is given. Errors are one line, `alembic-ts: error: ...`, plus a hint line.
 */
import { CommanderError } from 'commander';
import { AlembicError } from '../errors.js';

export interface OutputOptions {
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly color?: boolean;
}

export function colorEnabled(options: OutputOptions): boolean {
  return options.color !== false && !process.env['NO_COLOR'] && process.stdout.isTTY === true;
}

export function printLine(line = ''): void {
  process.stdout.write(line + '\n');
}

/**
 * Many lines in one write: stdout to a pipe is written synchronously, and `history` on
 * thousands of revisions would otherwise make a system call per line.
 */
export function printLines(lines: readonly string[]): void {
  if (lines.length > 0) process.stdout.write(lines.join('\n') + '\n');
}

/** Offline SQL as the runtime wrote it: each statement already ends with a blank line. */
export function printSql(sql: string): void {
  if (sql !== '') process.stdout.write(sql.endsWith('\n') ? sql : sql + '\n');
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function progress(options: OutputOptions, line: string): void {
  if (!options.quiet) process.stderr.write(line + '\n');
}

/** Prints an error the way users expect to read it and returns the exit code. */
export function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return 0;
    if (error.code === 'commander.help') {
      // No command given: commander has printed the help on stderr; say why, as argparse does.
      process.stderr.write('alembic-ts: error: no command given\n');
      return 2;
    }
    // Commander appends its suggestion on a line of its own: "(Did you mean upgrade?)".
    const [message, ...more] = error.message.replace(/^error: /, '').split('\n');
    const suggestion = more.join(' ').trim().replace(/^\((.*)\)$/, '$1');
    process.stderr.write(`alembic-ts: error: ${message ?? ''}\n`);
    process.stderr.write(`  hint: ${suggestion === '' ? 'run' : `${suggestion} Run`} with --help for usage\n`);
    return 2;
  }
  if (error instanceof AlembicError) {
    process.stderr.write(`alembic-ts: error: ${error.message}\n`);
    for (const line of error.details) process.stderr.write(`  ${line}\n`);
    if (error.hint) process.stderr.write(`  hint: ${error.hint}\n`);
    if (debug && error.stack) process.stderr.write(error.stack + '\n');
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`alembic-ts: error: ${firstLine(message)}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
  else process.stderr.write('  hint: run again with --debug for the stack trace\n');
  return 1;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
