// Validates every article's frontmatter and the support programme without building the site, in a
// second: `npm run check:content`. The build runs the same schemas; this is the fast path for writers.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { articleSchema } from '../schemas/article.ts';
import { formatIssues, isAlwaysOpen } from '#shared/programme.ts';
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

/**
 * Calendars that list no holidays for next year: their deadlines would count those days as working
 * days. A warning, not an error (the lists are published by each country late in the year); a
 * calendar that lists no holidays at all works every day it has hours, and needs none.
 */
export function calendarWarnings(now = new Date()): string[] {
	const next = String(now.getUTCFullYear() + 1);
	const warnings: string[] = [];
	for (const id of programmeIds()) {
		const programme = loadProgramme(id);
		for (const calendar of programme.calendars) {
			// A calendar that lists none works every day it has hours (by design); one whose list ran out did not mean to.
			if (isAlwaysOpen(calendar) || !calendar.holidays.length) continue;
			if (!calendar.holidays.some((h) => h.date.startsWith(`${next}-`)))
				warnings.push(`content/support/programmes/${id}.yaml: calendar "${calendar.id}" lists no holidays for ${next}: its deadlines would count them as working days`);
		}
	}
	return warnings;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const problems = checkContent();
	for (const w of problems.length ? [] : calendarWarnings()) console.warn(`warning: ${w}`);
	for (const p of problems) console.error(p);
	console.log(problems.length ? `${problems.length} problem(s)` : 'content ok');
	process.exit(problems.length ? 1 : 0);
}
