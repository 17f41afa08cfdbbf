/** Loading pg must not load Node's fetch (undici), and must leave no global `navigator` behind. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

test('the PostgreSQL driver loads pg without undici and without a lasting navigator', () => {
  // A fresh process: this one may have loaded undici or pg already.
  const script = `
    await import('./src/dialects/postgres/postgres-driver.ts');
    const undici = process.moduleLoadList.some((m) => m.includes('undici'));
    console.log(JSON.stringify({ undici, navigator: typeof globalThis.navigator }));
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  assert.deepEqual(JSON.parse(child.stdout.trim()), { undici: false, navigator: 'undefined' });
});
