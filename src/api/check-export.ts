/**
 * SPEC names two things `check` in one package: the CHECK constraint of the model language
 * (`check('ck_name', sql\`...\`)`, section 3) and the CI gate of the programmatic API
 * (`await check()`, section 8). One function serves both, told apart by its arguments:
 * a name string makes a constraint, anything else runs the gate.
 */
import type { SqlInput, TableExtra } from '../schema/table-extras.js';
import { check as checkConstraint } from '../schema/table-extras.js';
import { check as runCheck, type CheckOptions, type CheckResult } from './check.js';

export function check(name: string, condition: SqlInput): TableExtra;
export function check(options?: CheckOptions): Promise<CheckResult>;
export function check(nameOrOptions?: string | CheckOptions, condition?: SqlInput): TableExtra | Promise<CheckResult> {
  if (typeof nameOrOptions === 'string') return checkConstraint(nameOrOptions, condition as SqlInput);
  return runCheck(nameOrOptions ?? {});
}
