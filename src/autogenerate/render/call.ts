/**
 * One call statement (`op.addColumn(...)`), on one line when it fits, else with its trailing
 * options object broken over lines. Two-space indents throughout.
 */
import { key } from './ts-literal.js';

export const INDENT = '  ';
const MAX_WIDTH = 100;

/** An options object: entries in the given order, each value already rendered. */
export interface ObjectArg {
  readonly entries: readonly (readonly [string, string])[];
}

export type Arg = string | ObjectArg;

/** Entries whose value is undefined are left out. */
export function obj(entries: readonly (readonly [string, string | undefined])[]): ObjectArg {
  return { entries: entries.filter((e): e is readonly [string, string] => e[1] !== undefined) };
}

function inline(arg: Arg): string {
  if (typeof arg === 'string') return arg;
  return `{ ${arg.entries.map(([k, v]) => `${key(k)}: ${v}`).join(', ')} }`;
}

function multiline(arg: ObjectArg, indent: string): string {
  const lines = arg.entries.map(([k, v]) => `${indent}${INDENT}${key(k)}: ${v},`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** `callee(args);` at `indent`; an empty trailing options object is left out. */
export function renderCall(indent: string, callee: string, args: readonly Arg[]): string {
  const given = [...args];
  const last = given[given.length - 1];
  if (last !== undefined && typeof last !== 'string' && last.entries.length === 0) given.pop();
  const oneLine = `${indent}${callee}(${given.map(inline).join(', ')});`;
  const tail = given[given.length - 1];
  if (oneLine.length <= MAX_WIDTH || tail === undefined || typeof tail === 'string') return oneLine;
  const head = given.slice(0, -1).map(inline);
  return `${indent}${callee}(${[...head, multiline(tail, indent)].join(', ')});`;
}
