import { expect, test } from '@playwright/test';

const items = (xml: string) => [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].map((m) => m[1]);
const tag = (item: string, name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(item)?.[1] ?? '';

test('RSS for technical alerts, newest first', async ({ request }) => {
	const res = await request.get('/rss/alertas.xml');
	expect(res.status()).toBe(200);
	const xml = await res.text();
	expect(xml).toContain('<rss');
	const list = items(xml);
	expect(list.length).toBe(3);
	const dates = list.map((i) => Date.parse(tag(i, 'pubDate')));
	expect([...dates].sort((a, b) => b - a)).toEqual(dates);
	for (const i of list) expect(tag(i, 'link')).toMatch(/^https:\/\/soporte\.quetzal\.example\/alertas\//);
});

test('RSS for release notes', async ({ request }) => {
	const xml = await (await request.get('/rss/notas-de-version.xml')).text();
	const list = items(xml);
	expect(list.length).toBe(3);
	expect(list.map((i) => tag(i, 'link')).every((l) => l.includes('/notas-de-version/'))).toBe(true);
});

test('feeds are announced in every page head', async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveCount(2);
});

test('llms.txt lists the articles by section', async ({ request }) => {
	const txt = await (await request.get('/llms.txt')).text();
	expect(txt.startsWith('# Centro de soporte Quetzal')).toBe(true);
	expect(txt).toContain('## Base de conocimiento');
	expect(txt).toContain('https://soporte.quetzal.example/soporte/tiempos-de-respuesta/');
	expect(txt.match(/^- \[/gm)!.length).toBeGreaterThanOrEqual(30);
});
