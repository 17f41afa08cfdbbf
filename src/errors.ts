/**
 * One base error for everything the tool reports to a user. The CLI prints
 * `alembic-ts: error: <message>` (and the hint) and exits with `exitCode`; the API throws.
 */
export interface AlembicErrorOptions {
  readonly hint?: string;
  readonly cause?: unknown;
  readonly exitCode?: number;
  /** Further lines the CLI prints under the message (open decisions, failed checks). */
  readonly details?: readonly string[];
}

export class AlembicError extends Error {
  readonly code: string;
  readonly exitCode: number;
  readonly hint: string | undefined;
  readonly details: readonly string[];

  constructor(code: string, message: string, options: AlembicErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AlembicError';
    this.code = code;
    this.exitCode = options.exitCode ?? 1;
    this.hint = options.hint;
    this.details = options.details ?? [];
  }
}

/** Bad config file, bad URL, bad flag: exit code 2. */
export class ConfigError extends AlembicError {
  constructor(code: string, message: string, options: Omit<AlembicErrorOptions, 'exitCode'> = {}) {
    super(code, message, { ...options, exitCode: 2 });
    this.name = 'ConfigError';
  }
}

/** Problems with revision files and the revision graph. */
export class RevisionError extends AlembicError {
  constructor(code: string, message: string, options: AlembicErrorOptions = {}) {
    super(code, message, options);
    this.name = 'RevisionError';
  }
}

/** A statement or a revision failed while running against the database. */
export class MigrationError extends AlembicError {
  constructor(code: string, message: string, options: AlembicErrorOptions = {}) {
    super(code, message, options);
    this.name = 'MigrationError';
  }
}
