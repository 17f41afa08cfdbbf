/**
 * Collects a run's rows, the failures that kept a row from being measured, and what was not
 * run because something it needs is not on this machine (said, never a failure).
 */
import type { Row, ScenarioId } from './result.js';

export interface Failure {
  readonly scenario: ScenarioId;
  /** What was being set up, validated or timed. */
  readonly what: string;
  readonly error: string;
}

export interface Skipped {
  readonly scenario: ScenarioId;
  readonly why: string;
}

export class Collector {
  readonly rows: Row[] = [];
  readonly failures: Failure[] = [];
  readonly skipped: Skipped[] = [];

  skip(scenario: ScenarioId, why: string): void {
    this.skipped.push({ scenario, why });
    process.stderr.write(`[bench] not run: ${scenario} ${why}\n`);
  }

  add(...rows: Row[]): void {
    this.rows.push(...rows);
  }

  fail(scenario: ScenarioId, what: string, error: unknown): void {
    const text = error instanceof Error ? error.message : String(error);
    this.failures.push({ scenario, what, error: text });
    process.stderr.write(`[bench] FAILED ${scenario} ${what}: ${text}\n`);
  }

  /** Runs `step`; a throw is recorded as a failure and gives undefined. */
  attempt<T>(scenario: ScenarioId, what: string, step: () => T): T | undefined {
    try {
      return step();
    } catch (error) {
      this.fail(scenario, what, error);
      return undefined;
    }
  }
}
