/**
 * On a terminal, autogenerate asks about each possible rename and each drop instead of
 * stopping. Questions go to stderr so stdout keeps only the results.
 */
import { createInterface } from 'node:readline/promises';
import type { DropQuestion, RenameQuestion, RenameResolver } from '../autogenerate/resolver/rename-resolver.js';

export function isInteractive(): boolean {
  return process.stdin.isTTY === true && process.stderr.isTTY === true && !process.env['CI'];
}

export function promptResolver(): RenameResolver & { close(): void } {
  const rl = createInterface({ input: process.stdin, output: process.stderr });

  const chooseRename = async (question: RenameQuestion): Promise<string | null> => {
    process.stderr.write(`\n${question.description}\n`);
    question.choices.forEach((choice, i) => process.stderr.write(`  ${i + 1}) ${choice.label}\n`));
    for (;;) {
      const answer = (await rl.question(`Choose 1-${question.choices.length}: `)).trim();
      const choice = question.choices[Number(answer) - 1];
      if (choice !== undefined) return choice.renamedFrom;
    }
  };

  const confirm = async (question: DropQuestion): Promise<boolean> => {
    for (;;) {
      const answer = (await rl.question(`\n${question.description} [y/N] `)).trim().toLowerCase();
      if (answer === '' || answer === 'n' || answer === 'no') return false;
      if (answer === 'y' || answer === 'yes') return true;
    }
  };

  return {
    table: chooseRename,
    column: chooseRename,
    enumValue: chooseRename,
    confirmDrop: confirm,
    close: () => rl.close(),
  };
}
