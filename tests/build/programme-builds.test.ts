// MOSTRADOR_PROGRAMME chooses the site's programme at build time: every one of content/support's
// programmes builds, every build has the terms pages of all of them, and a build for a programme that
// takes no tickets (comunidad) offers no ticket anywhere a reader looks — no launcher on articles, no
// "Abrir un ticket" in the sidebar or on the home page, and /soporte/nuevo/ without the form. Cost:
// one build of the real content for comunidad (every article checked) and one of the smallest content
// (the home page and one support article) for each other programme, whose launcher and sidebar link
// are there — the contrast that shows the comunidad checks can fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { programmeIds } from '../../src/lib/support-data.ts';

const root = process.cwd();
const tmpBase = join(root, 'tests/.tmp');
let dir: string;
const ids = programmeIds(join(root, 'content/support'));

function build(programme: string, content: string, out: string) {
	const started = Date.now();
	const r = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
		cwd: root,
		encoding: 'utf8',
		env: {
			...process.env,
			MOSTRADOR_PROGRAMME: programme,
			MOSTRADOR_CONTENT_DIR: content,
			MOSTRADOR_OUT_DIR: out,
			MOSTRADOR_CACHE_DIR: join(out, '..', `cache-${programme}`),
			NO_COLOR: '1',
			FORCE_COLOR: '0',
		},
	});
	return { status: r.status, output: `${r.stdout}\n${r.stderr}`, seconds: (Date.now() - started) / 1000 };
}

/** The smallest content a build needs for these checks: the programme data, the home page, one support article. */
function smallContent(name: string): string {
	const content = join(dir, name, 'content');
	mkdirSync(join(content, 'docs/soporte'), { recursive: true });
	cpSync(join(root, 'content/support'), join(content, 'support'), { recursive: true });
	cpSync(join(root, 'content/docs/index.mdx'), join(content, 'docs/index.mdx'));
	cpSync(join(root, 'content/docs/soporte/comunidad.mdx'), join(content, 'docs/soporte/comunidad.mdx'));
	return content;
}

function htmlFiles(out: string): string[] {
	return (readdirSync(out, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).map((f) => join(out, f));
}

function expectAllTermsPages(out: string) {
	for (const id of ids) {
		expect(existsSync(join(out, `soporte/programas/${id}/index.html`)), `/soporte/programas/${id}/`).toBe(true);
		expect(existsSync(join(out, `en/soporte/programas/${id}/index.html`)), `/en/soporte/programas/${id}/`).toBe(true);
	}
}

const page = (out: string, path: string) => readFileSync(join(out, path, 'index.html'), 'utf8');
const LAUNCHER = /ticket-launcher-slot|TicketLauncher/;
const NEW_TICKET_LINK = /href="(?:\/en)?\/soporte\/nuevo\/"/;

beforeAll(() => {
	mkdirSync(tmpBase, { recursive: true });
	dir = mkdtempSync(join(tmpBase, 'programmes-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('MOSTRADOR_PROGRAMME builds the site for any programme', () => {
	it('knows the five programmes', () => {
		expect(ids).toEqual(['comunidad', 'estandar-extendido', 'implementacion', 'membresia', 'soporte-nativo']);
	});

	for (const id of ids.filter((i) => i !== 'comunidad')) {
		it(`${id}: builds, with every terms page, and offers tickets`, { timeout: 180_000 }, () => {
			const out = join(dir, id, 'dist');
			const r = build(id, smallContent(id), out);
			expect(r.status, r.output).toBe(0);
			console.info(`build for ${id} (small content): ${r.seconds.toFixed(1)} s`);
			expectAllTermsPages(out);
			const article = page(out, 'soporte/comunidad');
			expect(article).toMatch(LAUNCHER);
			expect(article).toMatch(NEW_TICKET_LINK);
			expect(article).toContain('Abrir un ticket');
			expect(page(out, '')).toContain('href="/soporte/como-abrir-un-buen-ticket/"');
			expect(page(out, 'soporte/nuevo')).not.toContain('data-tickets-offered="false"');
			// The small content has no English pages: Starlight's notice says so, once, right under the
			// title and before the article's facts.
			const fallback = page(out, 'en/soporte/comunidad');
			const notice = fallback.indexOf('This content is not available in your language yet');
			expect(notice).toBeGreaterThan(fallback.indexOf('<h1'));
			expect(notice).toBeLessThan(fallback.indexOf('<dl class="facts'));
			expect(fallback.split('This content is not available in your language yet')).toHaveLength(2);
		});
	}

	it('comunidad: builds every page, with every terms page, and no page offers a ticket', { timeout: 240_000 }, () => {
		const out = join(dir, 'comunidad', 'dist');
		const r = build('comunidad', join(root, 'content'), out);
		expect(r.status, r.output).toBe(0);
		console.info(`build for comunidad (all content): ${r.seconds.toFixed(1)} s`);
		expectAllTermsPages(out);

		const files = htmlFiles(out);
		const articles = files.filter((f) => readFileSync(f, 'utf8').includes('id="mostrador-widgets"'));
		expect(articles.length).toBeGreaterThan(50);
		for (const file of articles) {
			const html = readFileSync(file, 'utf8');
			const where = relative(out, file);
			expect(html, where).not.toMatch(LAUNCHER);
			// The way to ask for help is the community, and the feedback and comments stay.
			expect(html, where).toMatch(/<aside[^>]*id="mostrador-widgets"[\s\S]*?href="(?:\/en)?\/soporte\/comunidad\/"/);
			expect(html, where).toContain('mostrador-feedback');
		}
		// Sidebar (on every page) and home: no link to the ticket form and no "Abrir un ticket". The
		// account and ticket-list pages are left out: their islands carry the label among their strings.
		for (const file of files.filter((f) => !/(^|\/)(cuenta|soporte\/tickets)\//.test(relative(out, f)))) {
			const html = readFileSync(file, 'utf8');
			const where = relative(out, file);
			expect(html, where).not.toMatch(NEW_TICKET_LINK);
			expect(html, where).not.toMatch(/Abrir un ticket|Open a ticket/);
		}
		for (const home of ['', 'en']) {
			const html = page(out, home);
			expect(html).not.toContain('como-abrir-un-buen-ticket');
			expect(html).toMatch(/href="(?:\/en)?\/soporte\/comunidad\/"/);
			expect(html).toMatch(/href="(?:\/en)?\/soporte\/socios\/"/);
		}
		// The new-ticket page says no tickets are taken, points to the community and partners, and ships no form.
		const form = page(out, 'soporte/nuevo');
		expect(form).toContain('data-tickets-offered="false"');
		expect(form).not.toContain('TicketForm');
		expect(form).toContain('href="/soporte/comunidad/"');
		expect(form).toContain('href="/soporte/socios/"');
		// The support section shows comunidad's own channels, partners and free certification.
		expect(page(out, 'soporte/comunidad')).toContain('https://foro.mxos.example/');
		expect(page(out, 'soporte/socios')).toContain('data-partner="norte-sistemas"');
		expect(page(out, 'soporte/certificacion')).toMatch(/data-certification="price">Gratuita</);
	});
});
