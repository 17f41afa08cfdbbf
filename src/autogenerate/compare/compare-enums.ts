/**
 * Named enum types (PostgreSQL). New types are created before any table needs them and
 * unused ones dropped after every table change. Values: renames go through the resolver,
 * new values are added in place (`before`/`after`). PostgreSQL cannot remove or reorder
 * values, so a type that loses values (once the drop is confirmed) or changes order is
 * rebuilt: its columns go to text, the type is dropped and created again, the columns come back.
 */
import type {
  AddEnumValueOp,
  AlterColumnOp,
  CreateEnumOp,
  DropEnumOp,
  Op,
  RenameEnumValueOp,
} from '../../operations/ops.js';
import type { ColumnType, EnumSnapshot, SchemaSnapshot } from '../../snapshot/types.js';
import type { DecisionLog } from '../resolver/decisions.js';
import { applyOps } from '../../snapshot/apply-ops.js';
import { deepEqual, enumOf, withEnumValues } from './equality.js';
import { applied, findTable, tableKey } from './working-snapshot.js';

export interface EnumRebuild {
  readonly schema: string | null;
  readonly name: string;
  readonly values: readonly string[];
  readonly target: readonly string[];
}

export interface EnumPass {
  /** createEnum, renameEnumValue and addEnumValue: safe before any table change. */
  readonly early: (CreateEnumOp | RenameEnumValueOp | AddEnumValueOp)[];
  readonly rebuilds: EnumRebuild[];
  /** Types the models no longer have. */
  readonly removed: EnumSnapshot[];
  readonly working: SchemaSnapshot;
}

const enumKey = (e: { readonly schema: string | null; readonly name: string }) => tableKey(e.schema, e.name);

/** `values` with each value of `target` it lacks added in place, and the ops that do it. */
export function planEnumAdds(
  schema: string | null,
  name: string,
  values: readonly string[],
  target: readonly string[],
): { ops: AddEnumValueOp[]; values: string[] } {
  const result = [...values];
  const ops: AddEnumValueOp[] = [];
  target.forEach((value, i) => {
    if (result.includes(value)) return;
    const previous = i > 0 ? target[i - 1] : undefined;
    const next = target.slice(i + 1).find((v) => result.includes(v));
    let before: string | null = null;
    let after: string | null = null;
    if (previous !== undefined && previous !== result[result.length - 1]) after = previous;
    else if (previous === undefined && next !== undefined) before = next;
    const at = after !== null ? result.indexOf(after) + 1 : before !== null ? result.indexOf(before) : result.length;
    result.splice(at, 0, value);
    ops.push({ kind: 'addEnumValue', schema, name, value, before, after });
  });
  return { ops, values: result };
}

export async function compareEnums(target: SchemaSnapshot, current: SchemaSnapshot, log: DecisionLog): Promise<EnumPass> {
  const early: EnumPass['early'] = [];
  const rebuilds: EnumRebuild[] = [];
  for (const wanted of target.enums) {
    const existing = current.enums.find((e) => enumKey(e) === enumKey(wanted));
    if (existing === undefined) {
      early.push({ kind: 'createEnum', schema: wanted.schema, name: wanted.name, values: wanted.values });
      continue;
    }
    const { schema, name } = wanted;
    let values = [...existing.values];
    const renames = await log.resolveRenames(
      { kind: 'enumValue', schema, parent: name },
      wanted.values.filter((v) => !values.includes(v)),
      values.filter((v) => !wanted.values.includes(v)),
      () => 0,
    );
    for (const { from, to } of renames) {
      early.push({ kind: 'renameEnumValue', schema, name, from, to });
      values = values.map((v) => (v === from ? to : v));
    }
    const adds = planEnumAdds(schema, name, values, wanted.values);
    if (!deepEqual(adds.values, wanted.values) && (await confirmRemovals(log, wanted, values))) {
      rebuilds.push({ schema, name, values, target: wanted.values });
    } else {
      early.push(...adds.ops);
    }
  }
  const removed = current.enums.filter((e) => !target.enums.some((t) => enumKey(t) === enumKey(e)));
  return { early, rebuilds, removed, working: applied(current, early) };
}

async function confirmRemovals(log: DecisionLog, wanted: EnumSnapshot, values: readonly string[]): Promise<boolean> {
  let confirmed = true;
  for (const value of values.filter((v) => !wanted.values.includes(v))) {
    if (!(await log.confirmDrop('enumValue', wanted.schema, wanted.name, value))) confirmed = false;
  }
  return confirmed;
}

const asText = (type: ColumnType): ColumnType =>
  type.name === 'array' ? { name: 'array', of: asText(type.of) } : { name: 'text' };

/**
 * The default of a column the models give another type (or none): it comes back with the
 * type only if its value is still one of the type's values; the column's own diff does the rest.
 */
function keptDefault(value: string | null, values: readonly string[]): string | null {
  const literal = (v: string): string => `'${v.split("'").join("''")}'::`;
  return value !== null && values.some((v) => value.startsWith(literal(v))) ? value : null;
}

/**
 * The ops that rebuild one enum type, and the working snapshot after them. A column's
 * default cannot outlive the type change, so it is dropped first and set again afterwards
 * (the model's default where the model still has the column with this type).
 */
export function rebuildEnum(
  rebuild: EnumRebuild,
  target: SchemaSnapshot,
  current: SchemaSnapshot,
): { ops: Op[]; working: SchemaSnapshot } {
  const { schema, name } = rebuild;
  const toText: AlterColumnOp[] = [];
  const back: AlterColumnOp[] = [];
  for (const table of current.tables) {
    for (const column of table.columns) {
      if (enumOf(column.type) !== name) continue;
      const at = { kind: 'alterColumn' as const, schema: table.schema, table: table.name, column: column.name };
      const textColumn = { ...column, type: asText(column.type), default: null };
      toText.push({
        ...at,
        changes: column.default === null ? { type: textColumn.type } : { type: textColumn.type, default: null },
        using: null,
        existing: column,
      });
      const model = findTable(target, table.schema, table.name)?.columns.find((c) => c.name === column.name);
      const restored = model !== undefined && enumOf(model.type) === name ? model.default : keptDefault(column.default, rebuild.target);
      const type = withEnumValues(column.type, name, rebuild.target);
      back.push({
        ...at,
        changes: restored === null ? { type } : { type, default: restored },
        using: null,
        existing: textColumn,
      });
    }
  }
  const ops: Op[] = [
    ...toText,
    { kind: 'dropEnum', schema, name, existingValues: rebuild.values } satisfies DropEnumOp,
    { kind: 'createEnum', schema, name, values: rebuild.target } satisfies CreateEnumOp,
    ...back,
  ];
  return { ops, working: applyOps(current, ops) };
}
