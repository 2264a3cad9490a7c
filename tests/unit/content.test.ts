// The shipped content: valid, complete enough for a real support site, and translated.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkContent } from '../../src/cli/check-content.ts';
import { ALERT_SEVERITIES, ARTICLE_TYPES, KB_STATUSES } from '../../src/schemas/article.ts';
import { CHANNELS, WEEKDAYS } from '#shared/programme.ts';
import es from '../../src/content/i18n/es.json';
import en from '../../src/content/i18n/en.json';

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}
const docs = walk('content/docs').filter((f) => /\.mdx?$/.test(f));
const frontmatter = (file: string) => parse(/^---\n([\s\S]*?)\n---/.exec(readFileSync(file, 'utf8'))![1]);
const spanish = docs.filter((f) => !f.startsWith('content/docs/en/')).map((f) => ({ file: f, data: frontmatter(f) }));

describe('shipped content', () => {
	it('every article and the support programme validate', () => {
		expect(checkContent()).toEqual([]);
	});

	it('has at least 30 Spanish articles covering every type', () => {
		expect(spanish.length).toBeGreaterThanOrEqual(30);
		const types = new Set(spanish.map((a) => a.data.type));
		expect([...ARTICLE_TYPES].filter((t) => !types.has(t))).toEqual([]);
	});

	it('has 8+ known problems with every status, 3 alerts (one resolved), release notes for 3 versions', () => {
		const kb = spanish.filter((a) => a.data.type === 'kb');
		expect(kb.length).toBeGreaterThanOrEqual(8);
		expect(new Set(kb.map((a) => a.data.kb.status))).toEqual(new Set(KB_STATUSES));
		const alerts = spanish.filter((a) => a.data.type === 'alert');
		expect(alerts.length).toBeGreaterThanOrEqual(3);
		expect(alerts.some((a) => a.data.alert.resolved)).toBe(true);
		expect(alerts.some((a) => !a.data.alert.resolved)).toBe(true);
		const releases = spanish.filter((a) => a.data.type === 'release-notes').map((a) => `${a.data.product} ${a.data.release.version}`);
		expect(new Set(releases).size).toBeGreaterThanOrEqual(3);
	});

	it('has the support pages the programme needs', () => {
		for (const page of ['niveles-de-soporte', 'prioridades', 'tiempos-de-respuesta', 'como-abrir-un-buen-ticket', 'politica-de-versiones', 'comunidad', 'socios']) {
			expect(docs).toContain(`content/docs/soporte/${page}.mdx`);
		}
	});

	it('every Spanish article has an English version at the same path, with the same type and product', () => {
		const missing = spanish.filter((a) => !docs.includes(a.file.replace('content/docs/', 'content/docs/en/')));
		expect(missing.map((a) => a.file)).toEqual([]);
		for (const a of spanish) {
			const english = frontmatter(a.file.replace('content/docs/', 'content/docs/en/'));
			expect([english.type, english.product], a.file).toEqual([a.data.type, a.data.product]);
		}
	});

	it('every article has a description (search results and llms.txt show it)', () => {
		expect(spanish.filter((a) => !a.data.description).map((a) => a.file)).toEqual([]);
	});

	it('internal links point to pages that exist', () => {
		const slugs = new Set(docs.map((f) => `/${f.replace(/^content\/docs\//, '').replace(/(\/?index)?\.mdx?$/, '')}/`.replace(/^\/\/$/, '/')));
		const extra = ['/buscar/', '/en/buscar/', '/rss/alertas.xml', '/rss/notas-de-version.xml', '/llms.txt'];
		const broken: string[] = [];
		for (const file of docs) {
			for (const [, href] of readFileSync(file, 'utf8').matchAll(/\]\((\/[^)\s#]*)(?:#[^)]*)?\)|href="(\/[^"#]*)/g)) {
				if (href && !slugs.has(href) && !extra.includes(href)) broken.push(`${file}: ${href}`);
			}
		}
		expect(broken).toEqual([]);
	});
});

describe('UI strings', () => {
	it('Spanish and English define the same keys', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(es).sort());
	});

	it('every key the site uses exists', () => {
		const used = new Set<string>();
		for (const file of walk('src').filter((f) => /\.(astro|ts|tsx)$/.test(f))) {
			for (const [, key] of readFileSync(file, 'utf8').matchAll(/t\('(mostrador\.[\w.-]+)'/g)) used.add(key);
		}
		const dynamic = [
			...ARTICLE_TYPES.map((v) => `mostrador.type.${v}`),
			...['user', 'admin'].map((v) => `mostrador.audience.${v}`),
			...KB_STATUSES.map((v) => `mostrador.kb.status.${v}`),
			...ALERT_SEVERITIES.map((v) => `mostrador.alert.severity.${v}`),
			...CHANNELS.map((v) => `mostrador.programme.channel.${v}`),
			...WEEKDAYS.map((v) => `mostrador.programme.day.${v}`),
			...['production', 'non-production', 'any'].map((v) => `mostrador.programme.environment.${v}`),
			...['current', 'supported', 'retiring', 'end-of-life'].map((v) => `mostrador.versions.status.${v}`),
		];
		expect(used.size).toBeGreaterThan(30);
		expect([...used, ...dynamic].filter((k) => !(k in es))).toEqual([]);
	});
});
