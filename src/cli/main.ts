#!/usr/bin/env node
/**
 * The `alembic-ts` command. Only this folder prints or exits: every command is an API
 * function first (src/api/), and this layer turns its result into lines and an exit code.
 * Command modules are imported lazily so that `--help` stays as fast as starting node.
 */
import { Command, CommanderError, Option } from 'commander';
import { reportError } from './output.js';
import { registerCommands } from './commands/register.js';
import { protectRelativeTargets, unwrapTarget } from './relative-targets.js';

function parseSeconds(value: string): string {
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new CommanderError(2, 'alembic.lockTimeout', `--lock-timeout expects a number of seconds >= 0, got "${unwrapTarget(value)}"`);
  }
  return value;
}

function collectKeyValue(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new CommanderError(2, 'alembic.x', `-x expects key=value, got "${value}"`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

export function buildProgram(): Command {
  const program = new Command('alembic-ts')
    .description('Schema migrations for TypeScript: autogenerate, upgrade, downgrade and check, on SQLite and PostgreSQL')
    .version(process.env['ALEMBIC_TS_VERSION'] ?? '0.1.0', '--version')
    .option('-c, --config <path>', 'config file (default: ./alembic.config.json, or $ALEMBIC_CONFIG)')
    .option('--url <url>', 'database URL, overrides "url" in the config')
    .option('-x <key=value>', 'argument for migrations, read as op.x.key (repeatable)', collectKeyValue, {})
    .option('--json', 'print results as JSON')
    .option('-q, --quiet', 'print no progress lines')
    .option('--no-color', 'no colours in output (also NO_COLOR)')
    .option('--debug', 'print stack traces on errors')
    .addOption(new Option('--lock-timeout <seconds>', 'how long to wait for another migration run').default('60').argParser(parseSeconds))
    .exitOverride();
  program.configureOutput({ outputError: () => undefined });
  registerCommands(program);
  return program;
}

/**
 * A reader that stops early (`alembic-ts check | head`) closes the pipe: the rest of stdout is
 * dropped and the command finishes as it would have, rather than dying on an unhandled EPIPE
 * with a stack trace (or half-way through a migration).
 */
function ignoreClosedStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

async function main(argv: readonly string[]): Promise<void> {
  ignoreClosedStdout();
  const program = buildProgram();
  try {
    await program.parseAsync(protectRelativeTargets(argv), { from: 'user' });
  } catch (error: unknown) {
    process.exitCode = reportError(error, argv.includes('--debug'));
  }
}

await main(process.argv.slice(2));
