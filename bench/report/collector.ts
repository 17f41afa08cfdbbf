/** Collects a run's rows, and the failures that kept a row from being measured. */
import type { Row, ScenarioId } from './result.js';

export interface Failure {
  readonly scenario: ScenarioId;
  /** What was being set up, validated or timed. */
  readonly what: string;
  readonly error: string;
}

export class Collector {
  readonly rows: Row[] = [];
  readonly failures: Failure[] = [];

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
