// Which of the build's JavaScript files hold a library, told by their content (file names carry hashes
// that change with every build): the tests that check what a reader's browser fetches ask by library.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const assets = join(resolve(import.meta.dirname, '../..', process.env.MOSTRADOR_OUT_DIR ?? 'dist'), '_astro');

/** The paths (/_astro/…) of the built JavaScript files whose code contains `marker`. */
export function chunksWith(marker: string): Set<string> {
	const files = readdirSync(assets).filter((f) => f.endsWith('.js') && readFileSync(join(assets, f), 'utf8').includes(marker));
	return new Set(files.map((f) => `/_astro/${f}`));
}

/** supabase-js's client sends its name and version in X-Client-Info; zod's errors are ZodError. */
export const SUPABASE_JS = 'supabase-js';
export const ZOD = 'ZodError';
