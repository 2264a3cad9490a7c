// supabase/functions/.env.example names every setting the edge functions read (README, "Going live",
// step 4): a new Deno.env.get without a line there fails here. SUPABASE_* are the platform's.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = 'supabase/functions';

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
		const path = join(dir, d.name);
		if (d.isDirectory()) return sources(path);
		return d.name.endsWith('.ts') && !d.name.endsWith('database.types.ts') ? [path] : [];
	});
}

/** Names read as Deno.env.get('X'), env('X'), required(env, 'X'), integer(env, 'X', …), count('X', …) or a list of names handed to env. */
function namesRead(): Set<string> {
	const names = new Set<string>();
	for (const file of sources(root)) {
		const text = readFileSync(file, 'utf8');
		for (const m of text.matchAll(/\b(?:get|env|required|integer|count)\(\s*(?:env,\s*)?'([A-Z][A-Z0-9_]*)'/g)) names.add(m[1]);
		for (const m of text.matchAll(/\[((?:\s*'[A-Z][A-Z0-9_]*',?)+)\s*\]\.(?:map|find)|fromAddress\(env,\s*\[([^\]]*)\]/g))
			for (const n of (m[1] ?? m[2]).matchAll(/'([A-Z][A-Z0-9_]*)'/g)) names.add(n[1]);
	}
	return names;
}

describe('supabase/functions/.env.example', () => {
	const example = readFileSync(join(root, '.env.example'), 'utf8');
	const listed = new Set([...example.matchAll(/^(?:#\s*)?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));

	it('names every variable the functions read, except the platform’s SUPABASE_*', () => {
		const read = [...namesRead()].filter((n) => !n.startsWith('SUPABASE_'));
		expect(read.length).toBeGreaterThan(20);
		expect(read.filter((n) => !listed.has(n)).sort()).toEqual([]);
	});

	it('names nothing the functions do not read, and sets no SUPABASE_ name', () => {
		const read = namesRead();
		expect([...listed].filter((n) => !read.has(n)).sort()).toEqual([]);
		expect([...listed].filter((n) => n.startsWith('SUPABASE_'))).toEqual([]);
	});

	it('comments every line it names', () => {
		const lines = example.split('\n');
		lines.forEach((line, i) => {
			if (!/^(?:#\s*)?[A-Z][A-Z0-9_]*=/.test(line)) return;
			// The comment is above it, possibly above a group of related lines.
			let j = i - 1;
			while (j >= 0 && /^(?:#\s*)?[A-Z][A-Z0-9_]*=/.test(lines[j])) j--;
			expect(lines[j], `comment above ${line}`).toMatch(/^# \S/);
		});
	});
});
