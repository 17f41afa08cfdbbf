/**
 * Every command's flags, in one place so `--help` needs no other module; each action is
 * imported only when its command runs.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import type { GlobalFlags } from './global-flags.js';

type Action = (flags: GlobalFlags, ...args: unknown[]) => Promise<number | void>;

function lazy(load: () => Promise<{ run: Action }>) {
  return async (...args: unknown[]): Promise<void> => {
    const command = args[args.length - 1] as Command;
    const flags = command.optsWithGlobals<GlobalFlags>();
    const { run } = await load();
    const code = await run(flags, ...args.slice(0, -2));
    if (typeof code === 'number' && code !== 0) process.exitCode = code;
  };
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerCommands(program: Command): void {
  program
    .command('init')
    .description('write alembic.config.json and a migrations folder')
    .argument('[dir]', 'folder for revision scripts', 'migrations')
    .option('-t, --template <name>', 'template to copy', 'generic')
    .action(lazy(() => import('./init.js')));

  program
    .command('list-templates')
    .alias('list_templates')
    .description('list the templates init can copy')
    .action(lazy(() => import('./list-templates.js')));

  program
    .command('revision')
    .description('create a new revision file')
    .option('-m, --message <message>', 'what the revision does (default: "empty message", as in Alembic)')
    .option('--autogenerate', 'compare models with the database and write the operations')
    .option('--rename <table.old=new>', 'answer a column rename question (repeatable)', collect)
    .option('--rename-table <old=new>', 'answer a table rename question (repeatable)', collect)
    .option('--rename-enum-value <enum.old=new>', 'answer an enum value rename question (repeatable)', collect)
    .option('--allow-drop', 'allow dropping tables and columns that are not renames')
    .option('--rev-id <id>', 'use this revision id instead of a random one')
    .option('--head <rev>', 'the revision to build on (default: the single head)')
    .option('--splice', 'allow --head to name a revision that is not a head')
    .option('--branch-label <label>', 'a branch label for the new revision', collect)
    .option('--depends-on <rev>', 'a revision this one depends on (repeatable)', collect)
    .option('--version-path <dir>', 'folder to write the new file in')
    .action(lazy(() => import('./revision.js')));

  program
    .command('upgrade')
    .description('upgrade to a later revision (default: head)')
    .argument('[target]', 'head, heads, REV, +N, REV+N, label@head, or FROM:TO with --sql', 'head')
    .option('--sql', 'print the SQL instead of running it (offline mode)')
    .option('--tag <tag>', 'accepted for Alembic compatibility; ignored')
    .action(lazy(() => import('./upgrade.js')));

  program
    .command('downgrade')
    .description('revert to an earlier revision')
    .argument('<target>', '-N, base, REV, label@-N, or FROM:TO with --sql')
    .option('--sql', 'print the SQL instead of running it (offline mode)')
    .option('--tag <tag>', 'accepted for Alembic compatibility; ignored')
    .action(lazy(() => import('./downgrade.js')));

  program
    .command('current')
    .description("show the database's current revision(s)")
    .option('-v, --verbose', 'show details')
    .action(lazy(() => import('./current.js')));

  program
    .command('history')
    .description('list revisions, newest first')
    .option('-r, --rev-range <range>', 'a range A:B')
    .option('-v, --verbose', 'show details')
    .option('-i, --indicate-current', 'mark the current revision')
    .action(lazy(() => import('./history.js')));

  program
    .command('heads')
    .description('show the head revisions')
    .option('-v, --verbose', 'show details')
    .option('--resolve-dependencies', 'leave out heads that other revisions depend on')
    .action(lazy(() => import('./heads.js')));

  program
    .command('branches')
    .description('show branch points')
    .option('-v, --verbose', 'show details')
    .action(lazy(() => import('./branches.js')));

  program
    .command('show')
    .description('show a revision')
    .argument('<rev>', 'revision id, prefix, head, heads, label@head, or current')
    .action(lazy(() => import('./show.js')));

  program
    .command('stamp')
    .description('set the version table to the given revision(s) without running migrations')
    .argument('<revisions...>', 'revisions to stamp (base clears the table)')
    .option('--purge', 'delete every version row first')
    .option('--sql', 'print the SQL instead of running it')
    .option('--tag <tag>', 'accepted for Alembic compatibility; ignored')
    .action(lazy(() => import('./stamp.js')));

  program
    .command('merge')
    .description('create a merge revision with several down revisions')
    .argument('<revisions...>', 'revisions to merge (e.g. heads)')
    .option('-m, --message <message>', 'what the merge is for (default: "empty message")')
    .option('--rev-id <id>', 'use this revision id')
    .option('--branch-label <label>', 'a branch label for the merge revision', collect)
    .action(lazy(() => import('./merge.js')));

  program
    .command('check')
    .description('CI gate: one head, database at head, revision files unchanged, models match the database')
    .addOption(new Option('--dev-url <url>', 'build a scratch database from the migrations and compare with it'))
    .action(lazy(() => import('./check.js')));

  program
    .command('edit')
    .description('open a revision file in $EDITOR')
    .argument('<rev>', 'revision id, prefix, head, or current')
    .action(lazy(() => import('./edit.js')));
}
