// Real `astro build` / `astro sync` runs over small content folders made for the test: the figures a
// page shows come from content/support, and bad content stops the build with the file and field named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const tmpBase = join(root, 'tests/.tmp');
let dir: string;

function astro(command: 'build' | 'sync', content: string) {
	const r = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', command], {
		cwd: root,
		encoding: 'utf8',
		env: {
			...process.env,
			MOSTRADOR_CONTENT_DIR: content,
			MOSTRADOR_OUT_DIR: join(content, '..', 'dist'),
			MOSTRADOR_CACHE_DIR: join(content, '..', 'cache'),
			NO_COLOR: '1',
			FORCE_COLOR: '0',
		},
	});
	return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

/** A content folder with the real programme data and the page under test. */
function makeContent(name: string, pages: string[]): string {
	const content = join(dir, name, 'content');
	mkdirSync(join(content, 'docs'), { recursive: true });
	cpSync(join(root, 'content/support'), join(content, 'support'), { recursive: true });
	for (const page of pages) cpSync(join(root, 'content/docs', page), join(content, 'docs', page), { recursive: true });
	return content;
}

beforeAll(() => {
	mkdirSync(tmpBase, { recursive: true });
	dir = mkdtempSync(join(tmpBase, 'build-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the programme tables follow the programme data', () => {
	it('changing a target changes the rendered table after a rebuild', { timeout: 180_000 }, () => {
		const content = makeContent('sla', ['soporte/tiempos-de-respuesta.mdx']);
		const page = join(content, '..', 'dist/soporte/tiempos-de-respuesta/index.html');
		const cell = (html: string) =>
			/<table[^>]*data-plan="estandar"[\s\S]*?<tr data-severity="P1">[\s\S]*?<td data-target="firstResponse" data-minutes="(\d+)">([^<]*)<\/td>/.exec(html)!;

		const first = astro('build', content);
		expect(first.status, first.output).toBe(0);
		const before = cell(readFileSync(page, 'utf8'));
		expect(before[1]).toBe('240');
		expect(before[2]).toContain('4 horas');

		const file = join(content, 'support/programmes/estandar-extendido.yaml');
		const yaml = readFileSync(file, 'utf8');
		// The first P1 target in the file is the Standard plan's.
		const changed = yaml.replace('P1: { firstResponse: 4h,', 'P1: { firstResponse: 2h30m,');
		expect(changed).not.toBe(yaml);
		writeFileSync(file, changed);

		const second = astro('build', content);
		expect(second.status, second.output).toBe(0);
		const after = cell(readFileSync(page, 'utf8'));
		expect(after[1]).toBe('150');
		expect(after[2]).toContain('2 horas y 30 minutos');
	});
});

describe('bad content fails with the file and the field named', () => {
	it('an article with an unknown type', { timeout: 120_000 }, () => {
		const content = makeContent('bad-article', []);
		mkdirSync(join(content, 'docs/guias'), { recursive: true });
		writeFileSync(
			join(content, 'docs/guias/mala.mdx'),
			'---\ntitle: Mala\ndescription: x\ntype: guia\nproduct: quetzal-docs\nupdated: 2026-01-01\n---\nHola\n',
		);
		const r = astro('sync', content);
		expect(r.status).not.toBe(0);
		expect(r.output).toContain('guias/mala');
		expect(r.output).toContain('type: expected one of guide, manual, tutorial');
	});

	it('an article naming a version its product does not have', { timeout: 120_000 }, () => {
		const content = makeContent('bad-version', []);
		mkdirSync(join(content, 'docs/guias'), { recursive: true });
		writeFileSync(
			join(content, 'docs/guias/version.mdx'),
			'---\ntitle: Versión\ndescription: x\ntype: guide\nproduct: quetzal-docs\nversions: ["9.9"]\nupdated: 2026-01-01\n---\nHola\n',
		);
		const r = astro('sync', content);
		expect(r.status).not.toBe(0);
		expect(r.output).toContain('guias/version');
		expect(r.output).toContain('Quetzal Docs has no version "9.9"');
	});

	it('a programme with a bad figure', { timeout: 120_000 }, () => {
		const content = makeContent('bad-programme', []);
		const file = join(content, 'support/programmes/estandar-extendido.yaml');
		writeFileSync(file, readFileSync(file, 'utf8').replace('P2: { firstResponse: 8h, update: 4h, escalation: 8h }', 'P2: { firstResponse: ocho, update: 4h, escalation: 8h }'));
		const r = astro('sync', content);
		expect(r.status).not.toBe(0);
		expect(r.output).toContain('support/programmes/estandar-extendido.yaml is not valid');
		expect(r.output).toContain('plans.0.targets.P2.firstResponse: expected a duration such as "4h", "30m" or "1h30m"');
	});
});
