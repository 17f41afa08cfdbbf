/**
 * Hand-made model pairs, each the smallest form of a round trip that once failed on a real
 * database (found by the random pairs, fixed in src/). They run on every test run, whatever
 * ROUNDTRIP_PAIRS says, and keep the failure reproducible when the generator changes.
 */
import type { ColumnType } from '../../src/snapshot/types.js';
import type { DialectName } from './databases.js';
import type { ModelColumn, ModelSchema, ModelTable } from './roundtrip-model.js';
import type { ModelPair } from './roundtrip-pair.js';

export interface RegressionPair {
  /** What must hold, as a test name. */
  readonly behaviour: string;
  readonly key: string;
  readonly dialects: readonly DialectName[];
  readonly pair: ModelPair;
}

const INTEGER: ColumnType = { name: 'integer' };
const enumOf = (enumName: string, values: string[]): ColumnType => ({ name: 'enum', enumName, values });

const col = (name: string, type: ColumnType, rest: Partial<ModelColumn> = {}): ModelColumn => ({
  name,
  type,
  notNull: false,
  default: null,
  comment: null,
  ...rest,
});

const tbl = (name: string, columns: ModelColumn[], rest: Partial<ModelTable> = {}): ModelTable => ({
  name,
  columns,
  primaryKey: null,
  foreignKeys: [],
  uniques: [],
  checks: [],
  indexes: [],
  comment: null,
  ...rest,
});

/** A table with an autoincrementing `id` key and the given columns. */
const idTable = (name: string, columns: ModelColumn[], rest: Partial<ModelTable> = {}): ModelTable =>
  tbl(name, [col('id', INTEGER, { notNull: true }), ...columns], { primaryKey: { name: `pk_${name}`, columns: ['id'] }, ...rest });

/** A table whose number column `n` has CHECKs, a partial index and an expression index on it. */
const numberChecked = (type: ColumnType): ModelTable =>
  idTable('t1', [col('n', type)], {
    checks: [
      { name: 'ck_1', expression: { kind: 'positive', column: 'n' } },
      { name: 'ck_2', expression: { kind: 'between', column: 'n' } },
    ],
    indexes: [
      { name: 'ix_1', elements: [{ column: 'n', descending: false }], unique: false, where: { kind: 'positive', column: 'n' } },
      { name: 'ix_2', elements: [{ expression: { kind: 'between', column: 'n' } }], unique: false, where: null },
    ],
  });

/** Tables t1 and t2, each with a foreign key to the other. */
const cycle = (): ModelTable[] => {
  const fk = (name: string, column: string, referredTable: string) => ({ name, columns: [column], referredTable, referredColumns: ['id'], onDelete: null, onUpdate: null });
  return [
    idTable('t1', [col('t2_id', INTEGER)], { foreignKeys: [fk('fk_t1_t2', 't2_id', 't2')] }),
    idTable('t2', [col('t1_id', INTEGER)], { foreignKeys: [fk('fk_t2_t1', 't1_id', 't1')] }),
  ];
};
const schema = (...tables: ModelTable[]): ModelSchema => ({ tables });
const noRenames = { table: [], column: [], enumValue: [] };
const BOTH: readonly DialectName[] = ['sqlite', 'postgresql'];
const POSTGRES: readonly DialectName[] = ['postgresql'];

export const REGRESSION_PAIRS: readonly RegressionPair[] = [
  {
    behaviour: 'an enum column becomes a string with a default, and the downgrade leaves it without one',
    key: 'enum-to-string-default',
    dialects: POSTGRES,
    pair: {
      a: schema(idTable('t1', [col('c', enumOf('e1', ['a', 'b']))])),
      b: schema(idTable('t1', [col('c', { name: 'string', length: 300 }, { default: { literal: 'x' } })])),
      renames: noRenames,
    },
  },
  {
    behaviour: 'a renamed enum value that is a column default stays the default both ways',
    key: 'renamed-enum-default',
    dialects: POSTGRES,
    pair: {
      a: schema(idTable('t1', [col('c', enumOf('e1', ['a', 'b']), { default: { literal: 'a' } })])),
      b: schema(idTable('t1', [col('c', enumOf('e1', ['z', 'b']), { default: { literal: 'z' } })])),
      renames: { ...noRenames, enumValue: [['e1', 'a', 'z']] },
    },
  },
  {
    behaviour: 'a nullable integer column becomes the autoincrementing primary key, and back',
    key: 'identity-and-nullable',
    dialects: BOTH,
    pair: {
      a: schema(tbl('t1', [col('c', INTEGER), col('d', { name: 'text' })])),
      b: schema(tbl('t1', [col('c', INTEGER, { notNull: true }), col('d', { name: 'text' })], { primaryKey: { name: 'pk_t1', columns: ['c'] } })),
      renames: noRenames,
    },
  },
  {
    behaviour: 'a double column becomes an autoincrementing integer key, and back',
    key: 'identity-and-type',
    dialects: BOTH,
    pair: {
      a: schema(tbl('t1', [col('c', { name: 'double' }), col('d', { name: 'text' })])),
      b: schema(tbl('t1', [col('c', INTEGER, { notNull: true }), col('d', { name: 'text' })], { primaryKey: { name: 'pk_t1', columns: ['c'] } })),
      renames: noRenames,
    },
  },
  {
    behaviour: 'a new integer column becomes the autoincrementing key of a table that had none',
    key: 'added-identity-key',
    dialects: BOTH,
    pair: {
      a: schema(tbl('t1', [col('c', { name: 'text' })])),
      b: schema(tbl('t1', [col('c', { name: 'text' }), col('d', INTEGER, { notNull: true })], { primaryKey: { name: 'pk_t1', columns: ['d'] } })),
      renames: noRenames,
    },
  },
  {
    behaviour: 'an enum loses a value while one of its columns turns into a string with a default',
    key: 'enum-rebuild-retyped-column',
    dialects: POSTGRES,
    pair: {
      a: schema(idTable('t1', [col('c', enumOf('e1', ['a', 'b'])), col('d', enumOf('e1', ['a', 'b']))])),
      b: schema(
        idTable('t1', [col('c', { name: 'string', length: 300 }, { default: { literal: "it's" } }), col('d', enumOf('e1', ['b', 'c']))]),
      ),
      renames: noRenames,
    },
  },
  {
    behaviour: 'an enum value added by the revision is the default of a column it adds',
    key: 'new-enum-value-default',
    dialects: POSTGRES,
    pair: {
      a: schema(idTable('t1', [col('c', enumOf('e1', ['a']))])),
      b: schema(idTable('t1', [col('c', enumOf('e1', ['a', 'b'])), col('d', enumOf('e1', ['a', 'b']), { default: { literal: 'b' } })])),
      renames: noRenames,
    },
  },
  {
    behaviour: 'an enum type that goes with its last table is created again for a column in the same downgrade',
    key: 'enum-dropped-with-table-then-rebuilt',
    dialects: POSTGRES,
    pair: {
      a: schema(idTable('t1', [col('c', enumOf('e1', ['a', 'b', 'c']))])),
      b: schema(idTable('t1', []), idTable('t2', [col('d', enumOf('e1', ['b', 'c', 'd']))])),
      renames: noRenames,
    },
  },
  {
    behaviour: 'two new tables that refer to each other are created, the cycle closed by a key added after them',
    key: 'created-fk-cycle',
    dialects: BOTH,
    pair: {
      a: schema(idTable('t0', [])),
      b: schema(idTable('t0', []), ...cycle()),
      renames: noRenames,
    },
  },
  {
    behaviour: 'two tables that refer to each other are dropped, the cycle opened first',
    key: 'dropped-fk-cycle',
    dialects: BOTH,
    pair: {
      a: schema(idTable('t0', []), ...cycle()),
      b: schema(idTable('t0', [])),
      renames: noRenames,
    },
  },
  {
    behaviour: 'two unique constraints on the same column both stay',
    key: 'duplicate-unique',
    dialects: BOTH,
    pair: {
      a: schema(idTable('t1', [col('c', INTEGER)])),
      b: schema(idTable('t1', [col('c', INTEGER)], { uniques: [{ name: 'uq_a', columns: ['c'] }, { name: 'uq_b', columns: ['c'] }] })),
      renames: noRenames,
    },
  },
  {
    behaviour: 'an index with a descending column is created and dropped',
    key: 'descending-index',
    dialects: BOTH,
    pair: {
      a: schema(idTable('t1', [col('c', INTEGER), col('d', INTEGER)])),
      b: schema(
        idTable('t1', [col('c', INTEGER), col('d', INTEGER)], {
          indexes: [{ name: 'ix_1', elements: [{ column: 'c', descending: false }, { column: 'd', descending: true }], unique: false, where: null }],
        }),
      ),
      renames: noRenames,
    },
  },
  {
    behaviour: 'a column renamed to the reserved word user keeps its partial index and CHECK',
    key: 'renamed-to-reserved-word',
    dialects: BOTH,
    pair: {
      a: schema(
        idTable('t1', [col('c', INTEGER)], {
          indexes: [{ name: 'ix_1', elements: [{ column: 'c', descending: false }], unique: false, where: { kind: 'isNotNull', column: 'c' } }],
          checks: [{ name: 'ck_1', expression: { kind: 'positive', column: 'c' } }],
        }),
      ),
      b: schema(
        idTable('t1', [col('user', INTEGER)], {
          indexes: [{ name: 'ix_1', elements: [{ column: 'user', descending: false }], unique: false, where: { kind: 'isNotNull', column: 'user' } }],
          checks: [{ name: 'ck_1', expression: { kind: 'positive', column: 'user' } }],
        }),
      ),
      renames: { ...noRenames, column: [['t1', 'c', 'user']] },
    },
  },
  {
    behaviour: 'a numeric column becomes bigint and back, and its CHECKs, partial and expression indexes read as the model',
    key: 'retyped-check-and-index',
    dialects: BOTH,
    pair: {
      a: schema(numberChecked({ name: 'numeric', precision: 10, scale: 2 })),
      b: schema(numberChecked({ name: 'bigInteger' })),
      renames: noRenames,
    },
  },
];
