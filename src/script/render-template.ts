/**
 * `script.ts.tmpl` rendering: `${name}` placeholders replaced in one pass (inserted code is
 * never scanned again), `$${` for a literal `${`.
 */
import { RevisionError } from '../errors.js';

export interface TemplateValues {
  /** The message, continued with ` * ` on later lines so it stays inside the doc comment. */
  readonly message: string;
  readonly revision: string;
  /** Down revisions for the doc comment: `a, b`, or empty for a base. */
  readonly downRevisionIds: string;
  /** TypeScript literals: `null`, `'a'`, `['a', 'b']`. */
  readonly downRevision: string;
  readonly branchLabels: string;
  readonly dependsOn: string;
  readonly createDate: string;
  /** The import lines. */
  readonly imports: string;
  /** Function bodies, already indented; empty leaves a blank line. */
  readonly upgradeBody: string;
  readonly downgradeBody: string;
}

export type ImportMap = Readonly<Record<string, readonly string[]>>;

const PACKAGE = 'alembic-ts';

function quoted(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function listLiteral(values: readonly string[], scalarWhenSingle: boolean): string {
  if (values.length === 0) return 'null';
  if (values.length === 1 && scalarWhenSingle) return quoted(values[0] as string);
  return `[${values.map(quoted).join(', ')}]`;
}

export function docMessage(message: string): string {
  return message.replace(/\*\//g, '*\\/').split(/\r\n?|\n/).join('\n * ');
}

/** `import { type Operations, ... } from 'alembic-ts';` and one line per other module, sorted. */
export function importLines(imports: ImportMap = {}): string {
  const names = (module: string): string[] => [...new Set(imports[module] ?? [])].filter((n) => n !== 'Operations').sort();
  const lines = [`import { ${['type Operations', ...names(PACKAGE)].join(', ')} } from '${PACKAGE}';`];
  for (const module of Object.keys(imports).filter((m) => m !== PACKAGE).sort()) {
    const moduleNames = names(module);
    if (moduleNames.length > 0) lines.push(`import { ${moduleNames.join(', ')} } from '${module}';`);
  }
  return lines.join('\n');
}

export function renderTemplate(template: string, values: TemplateValues, templatePath: string): string {
  const table = values as unknown as Readonly<Record<string, string>>;
  return template
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => {
      const rendered = line.replace(/\$(\$?)\{(\w+)\}/g, (whole, escape: string, name: string) => {
        if (escape !== '') return whole.slice(1);
        const value = table[name];
        if (value === undefined) {
          throw new RevisionError('E_TEMPLATE', `${templatePath} uses an unknown placeholder \${${name}}`, {
            hint: `Placeholders: ${Object.keys(values).map((k) => `\${${k}}`).join(' ')}; write $\${ for a literal \${.`,
          });
        }
        return value;
      });
      // An empty value at the end of a line (`Revises:` for a base) leaves no trailing space.
      return rendered.includes('\n') ? rendered : rendered.trimEnd();
    })
    .join('\n');
}
