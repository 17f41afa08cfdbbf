/**
 * What the tool knows about one revision file before (or without) running it: the header
 * values read as text, where the file is, and its checksum.
 */
export interface RevisionScript {
  readonly revision: string;
  /** `downRevision` as a list: empty for a base, two or more at a merge point. */
  readonly downRevisions: readonly string[];
  /** The labels this file declares (not the ones it inherits from an ancestor). */
  readonly branchLabels: readonly string[];
  /** `dependsOn` as written: revision ids or branch labels. */
  readonly dependsOn: readonly string[];
  readonly path: string;
  /** SHA-256 hex of the file with line endings normalized to LF. */
  readonly checksum: string;
  /** First line of the leading doc comment; empty when there is none. */
  readonly message: string;
  /** The `Create Date:` line of the doc comment, as written. */
  readonly createDate: string | null;
  /** False when the file exports `transactional = false`. */
  readonly transactional: boolean;
  /**
   * A header value is not a literal (`export const revision = makeId()`), so the values
   * above may be incomplete: import the module to read them (see `loadImportedHeaders`).
   */
  readonly needsImport: boolean;
}

/** The least a revision graph needs; `RevisionScript` is one. */
export interface RevisionInput {
  readonly revision: string;
  readonly downRevisions?: readonly string[];
  readonly branchLabels?: readonly string[];
  readonly dependsOn?: readonly string[];
  /** Named in error messages. */
  readonly path?: string;
}
