// axe-core over every page in the sitemap (as Starlight's own suite does), failing on serious or
// critical violations; plus the search page with results, which is not in the sitemap's static HTML.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

async function seriousViolations(page: Page) {
	// Expressive Code and MarkdownContent make overflowing code blocks and tables focusable from
	// observers that run after load; let them.
	await page.waitForFunction(() =>
		[...document.querySelectorAll('.expressive-code pre, .sl-markdown-content table')].every((p) => p.scrollWidth <= p.clientWidth || p.hasAttribute('tabindex')),
	);
	const { violations } = await new AxeBuilder({ page }).analyze();
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

// The sitemap in four shards (each page in exactly one, by its position), so that workers share it.
// Every Spanish page, and every other English one: each English article is a translation of a Spanish
// one, drawn by the same templates and components (checked there), and axe over all of them was a
// third of the browser tests' time (the CI budget is 15 minutes on 2 cores).
const SHARDS = 4;
for (let shard = 0; shard < SHARDS; shard++) {
	test(`every page in the sitemap loads and has no serious accessibility violation (part ${shard + 1} of ${SHARDS})`, async ({ page, request }) => {
		// Generous, since CI machines may be slow.
		test.setTimeout(400_000);
		const sitemap = await (await request.get('/sitemap-0.xml')).text();
		const all = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
		expect(all.length).toBeGreaterThanOrEqual(30);
		let english = 0;
		const checked = all.filter((p) => !p.startsWith('/en/') || english++ % 2 === 0);
		const paths = checked.filter((_, i) => i % SHARDS === shard);
		const problems: string[] = [];
		for (const path of paths) {
			const response = await page.goto(path);
			if (response?.status() !== 200) {
				problems.push(`${path}: HTTP ${response?.status()}`);
				continue;
			}
			for (const v of await seriousViolations(page)) problems.push(`${path}: ${v}`);
		}
		expect(problems).toEqual([]);
	});
}

test('the search page with results and filters has no serious accessibility violation', async ({ page }) => {
	await page.goto('/buscar/?q=certificado&type=Problema+conocido');
	await expect(page.locator('.search-results > li').first()).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
});

test('the header search dialog has no serious accessibility violation', async ({ page }) => {
	await page.goto('/base-de-conocimiento/indice-desactualizado/');
	await page.getByRole('button', { name: 'Buscar' }).click();
	await page.getByRole('dialog').getByPlaceholder('Buscar').fill('índice');
	await expect(page.locator('.pagefind-ui__result').first()).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
});
