// Which folder serves /functions/v1/<name>, and its settings, following the Supabase CLI's layout:
// supabase/functions/<name>/index.ts, code shared through supabase/functions/_shared, per-function
// `[functions.<name>] verify_jwt` in config.toml (default true), an optional deno.json / import map.
import { existsSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { StackConfig } from '../config.ts';

/** A function name as a URL segment: the CLI's slug rule, minus folders it never serves (`_shared`). */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export interface FunctionSource {
	name: string;
	/** The folder holding index.ts. */
	dir: string;
	entry: string;
	/** The functions folder it was found in (holds _shared and .env). */
	root: string;
	verifyJwt: boolean;
	/** deno.json(c) of the function or of the functions folder, passed to Deno as --config. */
	denoConfig?: string;
	/** Legacy import_map.json of the functions folder, when there is no deno.json. */
	importMap?: string;
}

/**
 * Stand-in only (Supabase never reads it): a `function.json` next to index.ts with
 * `{"verify_jwt": false}` sets verify_jwt for functions outside supabase/functions, such as the
 * contract suite's fixtures, which have no config.toml entry. config.toml wins when both say something.
 */
function fileSettings(dir: string): { verifyJwt?: boolean } {
	const file = join(dir, 'function.json');
	if (!existsSync(file)) return {};
	let parsed: { verify_jwt?: unknown };
	try {
		parsed = JSON.parse(readFileSync(file, 'utf8'));
	} catch (e) {
		throw new Error(`${file}: ${(e as Error).message}`);
	}
	return typeof parsed.verify_jwt === 'boolean' ? { verifyJwt: parsed.verify_jwt } : {};
}

function firstExisting(...files: string[]): string | undefined {
	return files.find((f) => existsSync(f));
}

export function locateFunction(config: StackConfig, name: string): FunctionSource | undefined {
	if (!NAME.test(name)) return undefined;
	for (const root of config.functions.dirs) {
		const dir = join(root, name);
		const entry = join(dir, 'index.ts');
		if (!existsSync(entry)) continue;
		const denoConfig = firstExisting(join(dir, 'deno.json'), join(dir, 'deno.jsonc'), join(root, 'deno.json'), join(root, 'deno.jsonc'));
		const importMap = denoConfig ? undefined : firstExisting(join(root, 'import_map.json'));
		const verifyJwt = config.functions.config[name]?.verifyJwt ?? fileSettings(dir).verifyJwt ?? true;
		return { name, dir, entry, root, verifyJwt, denoConfig, importMap };
	}
	return undefined;
}

async function listFiles(dir: string, out: string[]): Promise<void> {
	let entries;
	try {
		entries = await readdir(dir, { withFileTypes: true });
	} catch {
		return;
	}
	for (const e of entries) {
		if (e.name === 'node_modules' || e.name === '.git') continue;
		const path = join(dir, e.name);
		if (e.isDirectory()) await listFiles(path, out);
		else out.push(path);
	}
}

/**
 * Changes whenever a file the worker may have loaded changes, appears or disappears: the function's
 * folder, the shared code, the env file and the import map. Cheap enough to take on every request.
 */
export async function fingerprint(src: FunctionSource): Promise<string> {
	const files: string[] = [];
	await listFiles(src.dir, files);
	await listFiles(join(src.root, '_shared'), files);
	for (const f of [join(src.root, '.env'), src.denoConfig, src.importMap]) if (f && existsSync(f)) files.push(f);
	const hash = createHash('sha1');
	for (const f of files.sort()) {
		const s = await stat(f).catch(() => undefined);
		hash.update(`${f}\0${s?.mtimeMs ?? 0}\0${s?.size ?? -1}\n`);
	}
	return hash.digest('hex');
}
