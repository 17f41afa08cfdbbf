/**
 * Reads a revision file's header (ids, labels, message) from its text, without executing
 * it: building the revision graph must not run user code.
 */
import { RevisionError } from '../errors.js';
import { revisionChecksum } from './checksum.js';
import { maskComments, parseLiteral } from './header-literals.js';
import type { HeaderLiteral } from './header-literals.js';

export interface RevisionHeader {
  /** Undefined when the file has no literal `revision` export. */
  readonly revision: string | undefined;
  readonly downRevisions: readonly string[];
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
  readonly transactional: boolean;
  readonly message: string;
  readonly createDate: string | null;
  readonly checksum: string;
  /** Some header value is not a literal: import the module to read it. */
  readonly needsImport: boolean;
}

type HeaderKey = 'revision' | 'downRevision' | 'branchLabels' | 'dependsOn' | 'transactional';

/** Alembic's snake_case names are accepted too, for files ported from Python. */
const EXPORT_NAMES: Readonly<Record<HeaderKey, readonly string[]>> = {
  revision: ['revision'],
  downRevision: ['downRevision', 'down_revision'],
  branchLabels: ['branchLabels', 'branch_labels'],
  dependsOn: ['dependsOn', 'depends_on'],
  transactional: ['transactional'],
};

type Found = { readonly kind: 'absent' } | { readonly kind: 'opaque' } | { readonly kind: 'literal'; readonly value: HeaderLiteral };

/**
 * Where each `export const|let|var NAME` first ends, found in one pass: a name followed by
 * `$` or another non-word character counts, as `NAME\b` would match it. A revision compiled
 * to CommonJS (tsc's default without "type": "module") assigns `exports.NAME = ...` instead;
 * there the last assignment counts, since tsc first sets every export to `void 0`.
 */
function declarations(masked: string): Map<string, number> {
  const found = new Map<string, number>();
  const declaration = /^[ \t]*(?:export[ \t]+(?:const|let|var)[ \t]+|(module\.)?(exports)\.)(\w+)/gm;
  for (let match = declaration.exec(masked); match !== null; match = declaration.exec(masked)) {
    const name = match[3] as string;
    const commonJs = match[2] !== undefined;
    if (commonJs || !found.has(name)) found.set(name, match.index + match[0].length);
  }
  return found;
}

function findExport(masked: string, declared: ReadonlyMap<string, number>, names: readonly string[]): Found {
  for (const name of names) {
    const afterName = declared.get(name);
    if (afterName === undefined) continue;
    const assign = /=(?![=>])/g;
    assign.lastIndex = afterName;
    const eq = assign.exec(masked);
    if (eq === null || masked.slice(afterName, eq.index).includes(';')) return { kind: 'opaque' };
    const value = parseLiteral(masked, eq.index + 1);
    return value === undefined ? { kind: 'opaque' } : { kind: 'literal', value };
  }
  return { kind: 'absent' };
}

function invalid(path: string, name: string, expected: string): RevisionError {
  return new RevisionError('E_INVALID_REVISION_FILE', `${name} in ${path} must be ${expected}`, {
    hint: `Fix the export in ${path}; a revision file exports revision, downRevision, branchLabels, dependsOn (and transactional) as literals, as the script.ts.tmpl in your scriptLocation writes them.`,
  });
}

function asIdList(found: Found, path: string, name: string): readonly string[] {
  if (found.kind !== 'literal' || found.value === null) return [];
  const value = found.value;
  if (typeof value === 'string' && value !== '') return [value];
  if (Array.isArray(value) && value.every((v) => v !== '')) return value;
  throw invalid(path, name, 'a non-empty string, an array of strings, or null');
}

/** The leading doc comment: its first line is the message, `Create Date:` a header line. */
function readDocComment(text: string): { message: string; createDate: string | null } {
  const leading = /^(?:\uFEFF)?(?:#![^\n]*\n)?(?:\s|\/\/[^\n]*\n)*\/\*\*?([\s\S]*?)\*\//.exec(text);
  if (leading === null) return { message: '', createDate: null };
  const lines = (leading[1] as string).split(/\r\n?|\n/).map((line) => line.replace(/^\s*\*?[ \t]?/, '').trimEnd());
  const message = lines.find((line) => line.trim() !== '')?.trim() ?? '';
  const date = lines.map((line) => /^\s*Create Date:\s*(.*)$/.exec(line)?.[1]).find((d) => d !== undefined);
  return { message, createDate: date === undefined || date === '' ? null : date };
}

export function readRevisionHeader(text: string, path: string): RevisionHeader {
  const masked = maskComments(text);
  const declared = declarations(masked);
  const found: Record<HeaderKey, Found> = {
    revision: findExport(masked, declared, EXPORT_NAMES.revision),
    downRevision: findExport(masked, declared, EXPORT_NAMES.downRevision),
    branchLabels: findExport(masked, declared, EXPORT_NAMES.branchLabels),
    dependsOn: findExport(masked, declared, EXPORT_NAMES.dependsOn),
    transactional: findExport(masked, declared, EXPORT_NAMES.transactional),
  };

  const revisionFound = found.revision;
  let revision: string | undefined;
  if (revisionFound.kind === 'literal') {
    if (typeof revisionFound.value !== 'string' || revisionFound.value === '') {
      throw invalid(path, 'revision', 'a non-empty string literal');
    }
    revision = revisionFound.value;
  }
  const transactionalFound = found.transactional;
  if (transactionalFound.kind === 'literal' && typeof transactionalFound.value !== 'boolean') {
    throw invalid(path, 'transactional', 'true or false');
  }
  const doc = readDocComment(text);
  let checksum: string | undefined;
  const reExported = revisionFound.kind === 'absent' && /^[ \t]*export[ \t]*(?:\{|\*)/m.test(masked);

  return {
    revision,
    downRevisions: asIdList(found.downRevision, path, 'downRevision'),
    branchLabels: asIdList(found.branchLabels, path, 'branchLabels'),
    dependsOn: asIdList(found.dependsOn, path, 'dependsOn'),
    transactional: transactionalFound.kind === 'literal' ? transactionalFound.value !== false : true,
    message: doc.message,
    createDate: doc.createDate,
    // Hashing is only needed for applied revisions; `heads` and `history` never read it.
    get checksum(): string {
      checksum ??= revisionChecksum(text);
      return checksum;
    },
    needsImport: reExported || Object.values(found).some((f) => f.kind === 'opaque'),
  };
}
