/**
 * The loaded config: every key of SPEC section 2 with its default applied and every path made
 * absolute (relative to the folder of the config file). Plain readonly data.
 */
export interface IncludeConfig {
  /** Named schemas to compare besides the default one; null when not given. */
  readonly schemas: readonly string[] | null;
  /** Globs; when given, only matching tables are compared. */
  readonly tables: readonly string[] | null;
  readonly excludeTables: readonly string[];
}

export interface PostWriteHook {
  readonly command: string;
}

export interface Config {
  /** Absolute path of the config file. */
  readonly file: string;
  /** Folder of the config file; relative paths in it are resolved from here. */
  readonly directory: string;
  readonly scriptLocation: string;
  /** After `${VAR}` interpolation, or the `url` option (`--url`). Parse with `requireUrl`. */
  readonly url: string | null;
  readonly models: readonly string[];
  readonly versionTable: string;
  readonly versionTableSchema: string | null;
  readonly versionLocations: readonly string[];
  readonly fileTemplate: string;
  readonly truncateSlugLength: number;
  readonly timezone: string;
  readonly compareType: boolean;
  readonly compareServerDefault: boolean;
  readonly include: IncludeConfig;
  readonly transactionPerMigration: boolean;
  readonly postWriteHooks: readonly PostWriteHook[];
}
