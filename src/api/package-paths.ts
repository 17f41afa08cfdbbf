import { fileURLToPath } from 'node:url';

/** The package's own folders; src/ and dist/ sit at the same depth, so this works from both. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../migrations-template/', import.meta.url));
export const PACKAGE_JSON = fileURLToPath(new URL('../../package.json', import.meta.url));
