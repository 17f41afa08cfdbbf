/**
 * The target schema of a project: every table exported by the models modules, and every
 * table of an exported MetaData. The same table reached twice counts once; two different
 * tables with one name are an error.
 */
import { AlembicError } from '../errors.js';
import { TABLE_KEY } from './brands.js';
import { isMetaData } from './metadata.js';
import { isTable, type Table } from './table.js';
import type { TableDefinition } from './table-definition.js';

const qualified = (def: TableDefinition): string => (def.schema === null ? def.name : `${def.schema}.${def.name}`);

/** `moduleNames` (paths, parallel to `moduleExports`) make a duplicate's error name the files. */
export function collectTables(
  moduleExports: readonly Record<string, unknown>[],
  moduleNames: readonly string[] = [],
): Table[] {
  const found = new Map<string, { readonly table: Table; readonly from: string }>();
  const add = (table: Table, from: string): void => {
    const def = table[TABLE_KEY];
    const seen = found.get(qualified(def));
    if (seen === undefined) {
      found.set(qualified(def), { table, from });
    } else if (seen.table[TABLE_KEY] !== def) {
      throw new AlembicError('E_DUPLICATE_TABLE', `table "${qualified(def)}" is defined twice: by ${seen.from} and by ${from}`, {
        hint: 'define each table once and import it where it is needed',
      });
    }
  };
  moduleExports.forEach((exports, moduleIndex) => {
    const moduleName = moduleNames[moduleIndex];
    const modulePrefix =
      moduleName !== undefined ? `${moduleName} ` : moduleExports.length > 1 ? `module ${moduleIndex + 1} ` : '';
    for (const [exportName, value] of Object.entries(exports)) {
      const from = `${modulePrefix}export "${exportName}"`;
      if (isTable(value)) add(value, from);
      else if (isMetaData(value)) for (const table of value.tables) add(table, `${from} (MetaData)`);
    }
  });
  return [...found.values()].map((entry) => entry.table);
}
