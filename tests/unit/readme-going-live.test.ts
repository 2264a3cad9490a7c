// The README's "Going live" is followed top to bottom by an operator with nothing else (issue 15): every
// repository path it names exists (the two git-ignored .env files are made from their .env.example,
// which must exist), and every `npm run` it names is a script of package.json.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';

const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf('\n## Going live');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
const scripts = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).scripts);
const GIT_IGNORED = ['supabase/.env', 'supabase/functions/.env'];

const paths = [...new Set([...section.matchAll(/`((?:\.\/)?(?:supabase|src|tests|content|public|\.github)\/[^`\s]*)`/g)].map((m) => m[1]))];

describe('README, "Going live"', () => {
	it('is there and names the files it relies on', () => {
		expect(start).toBeGreaterThan(0);
		expect(paths.length).toBeGreaterThan(10);
	});

	it.each(paths)('%s exists', (path) => {
		const file = GIT_IGNORED.includes(path) ? `${path}.example` : path;
		expect(existsSync(file), file).toBe(true);
	});

	it('names only npm scripts that exist', () => {
		const named = [...section.matchAll(/npm run ([a-z][\w:-]*)/g)].map((m) => m[1]);
		expect(named).toContain('deploy:check');
		expect(named.filter((n) => !scripts.includes(n))).toEqual([]);
	});
});
