// `npm run bench` (package.json runs `node bench/run.mjs`): the bench is TypeScript, so this
// registers tsx and hands over to bench/main.ts.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
