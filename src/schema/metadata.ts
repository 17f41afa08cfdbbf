/**
 * `new MetaData({ schema, namingConvention })`: groups tables, gives them a schema and a
 * naming convention. Exporting a MetaData from a models module exports all its tables.
 */
import { argumentError, checkOptions, optionalName } from './arguments.js';
import { METADATA_KEY, TABLE_KEY, hasBrand } from './brands.js';
import { resolveNamingConvention, type NamingConvention, type NamingConventionInput } from './naming-convention.js';
import { defineTable, type Table, type TableColumns, type TableExtras, type TableOptions } from './table.js';

export interface MetaDataOptions {
  /** Schema of every table that does not name its own. */
  readonly schema?: string;
  /** Merged over the default convention: kinds left out keep the default. */
  readonly namingConvention?: NamingConventionInput;
}

export class MetaData {
  readonly [METADATA_KEY] = true;
  readonly schema: string | null;
  readonly namingConvention: NamingConvention;
  readonly #tables: Table[] = [];

  constructor(options: MetaDataOptions = {}) {
    checkOptions(options, ['schema', 'namingConvention'], 'new MetaData()');
    this.schema = optionalName(options.schema, 'new MetaData()', 'schema');
    this.namingConvention = resolveNamingConvention(options.namingConvention, 'new MetaData()');
  }

  /** The tables defined so far, in definition order. */
  get tables(): readonly Table[] {
    return [...this.#tables];
  }

  table<C extends TableColumns>(
    name: string,
    columns: C,
    extras?: TableExtras<C> | TableOptions,
    options?: TableOptions,
  ): Table<C> {
    const created = defineTable(name, columns, extras, options, {
      namingConvention: this.namingConvention,
      schema: this.schema,
    });
    const definition = created[TABLE_KEY];
    const clash = this.#tables.find(
      (t) => t[TABLE_KEY].name === definition.name && t[TABLE_KEY].schema === definition.schema,
    );
    if (clash !== undefined) {
      throw argumentError('metadata.table()', `table "${definition.name}" is already defined in this MetaData`);
    }
    this.#tables.push(created);
    return created;
  }
}

export function isMetaData(value: unknown): value is MetaData {
  return hasBrand(value, METADATA_KEY) && Array.isArray((value as { tables?: unknown }).tables);
}
