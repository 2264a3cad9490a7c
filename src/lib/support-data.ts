// Reads content/support/ from disk and validates it (Node only: the site build, the seed generator,
// tests). A file that does not match its schema throws an error naming the file and each bad field.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { formatIssues, programme, supportConfig, type Programme } from '#shared/programme.ts';
import { policyViolations, productCatalog, type ProductCatalog } from '#shared/products.ts';

/** Top-level content folder; MOSTRADOR_CONTENT_DIR points the build at another (tests, benchmarks). */
export function contentDir(): string {
	return resolve(process.env.MOSTRADOR_CONTENT_DIR ?? 'content');
}

export function supportDir(): string {
	return join(contentDir(), 'support');
}

export class SupportDataError extends Error {
	readonly file: string;
	readonly problems: string[];
	constructor(file: string, problems: string[]) {
		super(`${file} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.name = 'SupportDataError';
		this.file = file;
		this.problems = problems;
	}
}

function displayPath(file: string): string {
	return relative(process.cwd(), file) || file;
}

function readYaml<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
	let raw: unknown;
	try {
		raw = parse(readFileSync(file, 'utf8'));
	} catch (e) {
		throw new SupportDataError(displayPath(file), [(e as Error).message]);
	}
	const result = schema.safeParse(raw);
	if (!result.success) throw new SupportDataError(displayPath(file), formatIssues(result.error));
	return result.data;
}

export function programmeIds(dir = supportDir()): string[] {
	return readdirSync(join(dir, 'programmes'))
		.filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('_'))
		.map((f) => f.replace(/\.ya?ml$/, ''))
		.sort();
}

export function loadProgramme(id: string, dir = supportDir()): Programme {
	const file = join(dir, 'programmes', `${id}.yaml`);
	const p = readYaml(file, programme);
	if (p.id !== id) throw new SupportDataError(displayPath(file), [`id: "${p.id}" must match the file name "${id}"`]);
	return p;
}

/** The active programme: MOSTRADOR_PROGRAMME, else `active` in content/support/config.yaml. */
export function activeProgrammeId(dir = supportDir()): string {
	return process.env.MOSTRADOR_PROGRAMME ?? readYaml(join(dir, 'config.yaml'), supportConfig).active;
}

export function loadActiveProgramme(dir = supportDir()): Programme {
	const id = activeProgrammeId(dir);
	const known = programmeIds(dir);
	if (!known.includes(id)) {
		throw new SupportDataError(displayPath(join(dir, 'config.yaml')), [`active: no programme "${id}" in programmes/ (${known.join(', ')})`]);
	}
	return loadProgramme(id, dir);
}

export function loadProducts(dir = supportDir(), policyFrom?: Programme): ProductCatalog {
	const file = join(dir, 'products.yaml');
	const catalog = readYaml(file, productCatalog);
	const policy = (policyFrom ?? loadActiveProgramme(dir)).versionPolicy;
	const violations = policyViolations(catalog, policy);
	if (violations.length) throw new SupportDataError(displayPath(file), violations);
	return catalog;
}
