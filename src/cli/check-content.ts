// Validates every article's frontmatter and the support programme without building the site, in a
// second: `npm run check:content`. The build runs the same schemas; this is the fast path for writers.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { articleSchema } from '../schemas/article.ts';
import { formatIssues } from '#shared/programme.ts';
import { contentDir, loadProducts, loadProgramme, programmeIds, SupportDataError } from '../lib/support-data.ts';

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return walk(path);
		return /\.mdx?$/.test(name) && !name.startsWith('_') ? [path] : [];
	});
}

export function checkContent(): string[] {
	const problems: string[] = [];
	try {
		for (const id of programmeIds()) loadProgramme(id);
		const catalog = loadProducts();
		const schema = articleSchema(catalog);
		for (const file of walk(join(contentDir(), 'docs'))) {
			const rel = relative(process.cwd(), file);
			const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'));
			if (!match) {
				problems.push(`${rel}: no frontmatter`);
				continue;
			}
			let data: unknown;
			try {
				data = parse(match[1]);
			} catch (e) {
				problems.push(`${rel}: frontmatter is not YAML: ${(e as Error).message}`);
				continue;
			}
			const result = schema.safeParse(data);
			if (!result.success) problems.push(...formatIssues(result.error).map((line) => `${rel}: ${line}`));
		}
	} catch (e) {
		if (e instanceof SupportDataError) problems.push(...e.problems.map((p) => `${e.file}: ${p}`));
		else throw e;
	}
	return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const problems = checkContent();
	for (const p of problems) console.error(p);
	console.log(problems.length ? `${problems.length} problem(s)` : 'content ok');
	process.exit(problems.length ? 1 : 0);
}
