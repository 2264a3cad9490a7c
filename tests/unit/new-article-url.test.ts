// "Write this article" from the knowledge-gap report: the query is anyone's text, so it may only reach
// the new file's title, as a JSON string, never the MDX body (where {…} runs at build time).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { newArticleUrl, slugOf } from '../../src/lib/new-article-url.ts';

const fileOf = (url: string) => {
	const u = new URL(url);
	return { path: u.pathname, name: u.searchParams.get('filename')!, value: u.searchParams.get('value')! };
};

describe('newArticleUrl', () => {
	it('names a troubleshooting file in the language’s folder, with the query as its title', () => {
		const f = fileOf(newArticleUrl('https://github.com/q/m/', 'no me deja entrar', 'es', '2026-12-08'));
		expect(f.path).toBe('/q/m/new/main/content/docs/solucion-de-problemas');
		expect(f.name).toBe('no-me-deja-entrar.mdx');
		const front = parse(/^---\n([\s\S]*?)\n---/.exec(f.value)![1]);
		expect(front).toMatchObject({ title: 'No me deja entrar', type: 'troubleshooting', updated: '2026-12-08' });
		expect(fileOf(newArticleUrl('https://github.com/q/m', 'cannot log in', 'en', '2026-12-08')).path).toBe('/q/m/new/main/content/docs/en/solucion-de-problemas');
	});

	it('keeps hostile text out of the body and valid in the frontmatter', () => {
		for (const query of ["{fetch('http://x.io/'+eval('\\x4a'))}", '<img src=x onerror=alert(1)>', 'null', '- x', '"; title: y', '404']) {
			const f = fileOf(newArticleUrl('https://github.com/q/m', query, 'es', '2026-12-08'));
			const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(f.value)!;
			expect(parse(front).title.toLowerCase()).toBe(query.toLowerCase());
			expect(body).not.toContain(query);
			expect(body).not.toMatch(/[{}<>]/);
		}
	});

	it('makes a file name of any query', () => {
		expect(slugOf('¿Cómo  exporto a PDF/A?')).toBe('como-exporto-a-pdf-a');
		expect(slugOf('{}<>')).toBe('nuevo-articulo');
	});
});
