// Frontmatter of a documentation article, on top of Starlight's own fields (title, description,
// sidebar, …). README's "Frontmatter reference" is checked against this file by a test, so every
// field documented here is documented there.
import { z } from 'zod';
import { GENERAL_PRODUCT, type ProductCatalog } from '#shared/products.ts';

export const ARTICLE_TYPES = [
	'guide',
	'manual',
	'tutorial',
	'troubleshooting',
	'maintenance',
	'faq',
	'kb',
	'alert',
	'release-notes',
] as const;
export type ArticleType = (typeof ARTICLE_TYPES)[number];

export const KB_STATUSES = ['investigating', 'known-error', 'workaround', 'fixed'] as const;
export const ALERT_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values, { error: (issue) => `expected one of ${values.join(', ')}; got ${JSON.stringify(issue.input)}` });

const version = z.string().regex(/^\d+\.\d+(?:\.\d+)?$/, { message: 'expected a version such as "5.1"' });
const text = z.string().trim().min(1, { message: 'must not be empty' });
const date = z.coerce.date({ error: 'expected a date "YYYY-MM-DD"' });

/** A known problem (type: kb). */
export const kbFields = z.strictObject({
	/** What the user sees. */
	symptom: text,
	/** Why it happens. */
	cause: text,
	/** How to fix it for good. */
	solution: text,
	/** How to get going meanwhile, if there is a way. */
	workaround: text.optional(),
	/** Versions in which the problem happens. */
	affectedVersions: z.array(version).min(1, { message: 'name at least one affected version' }),
	/** First version that no longer has the problem. */
	fixedIn: version.optional(),
	/** investigating, known-error, workaround (a workaround is published) or fixed. */
	status: oneOf(KB_STATUSES),
});

/** A technical alert (type: alert). */
export const alertFields = z.strictObject({
	severity: oneOf(ALERT_SEVERITIES),
	affectedVersions: z.array(version).min(1, { message: 'name at least one affected version' }),
	published: date,
	/** Set when the alert no longer applies; an alert without it is active. */
	resolved: date.optional(),
});

/** Release notes (type: release-notes): the product version they describe. */
export const releaseFields = z.strictObject({
	version,
	/** Day the version was published. */
	date,
});

/** Fields every article adds to Starlight's frontmatter. */
export const articleFields = z.object({
	/** What kind of article this is; drives search filters, feeds and the support widgets. */
	type: oneOf(ARTICLE_TYPES),
	/** Product id from content/support/products.yaml, or "general" for articles about no product. */
	product: z.string({ error: 'expected a product id from content/support/products.yaml, or "general"' }),
	/** Product versions the article applies to; empty means every version. */
	versions: z.array(version).default([]),
	/** Who the article is written for. */
	audience: oneOf(['user', 'admin'] as const).default('user'),
	/** Day of the last meaningful change; shown as "last updated". */
	updated: date,
	kb: kbFields.optional(),
	alert: alertFields.optional(),
	release: releaseFields.optional(),
});
export type ArticleFields = z.infer<typeof articleFields>;

type Ctx = z.RefinementCtx;

function checkVersion(ctx: Ctx, catalog: ProductCatalog, productId: string, version: string, path: (string | number)[]) {
	const p = catalog.products.find((x) => x.id === productId);
	if (!p) return;
	const known = p.versions.map((v) => v.version);
	if (!known.includes(version)) ctx.addIssue({ code: 'custom', path, message: `${p.name} has no version "${version}" (known: ${known.join(', ')})` });
}

function checkVersions(ctx: Ctx, catalog: ProductCatalog, productId: string, versions: string[], path: (string | number)[]) {
	versions.forEach((v, i) => checkVersion(ctx, catalog, productId, v, [...path, i]));
}

/** Rules across fields and against the product catalogue. */
export function checkArticle(catalog: ProductCatalog) {
	const ids = catalog.products.map((p) => p.id);
	return (a: ArticleFields, ctx: Ctx) => {
		if (a.product !== GENERAL_PRODUCT && !ids.includes(a.product)) {
			ctx.addIssue({ code: 'custom', path: ['product'], message: `unknown product "${a.product}" (known: ${[...ids, GENERAL_PRODUCT].join(', ')})` });
		}
		if (a.product === GENERAL_PRODUCT && a.versions.length) {
			ctx.addIssue({ code: 'custom', path: ['versions'], message: `an article about no product ("${GENERAL_PRODUCT}") cannot name versions` });
		}
		checkVersions(ctx, catalog, a.product, a.versions, ['versions']);
		for (const [key, forType] of [['kb', 'kb'], ['alert', 'alert'], ['release', 'release-notes']] as const) {
			if (a.type === forType && !a[key]) ctx.addIssue({ code: 'custom', path: [key], message: `required when type is "${forType}"` });
			if (a.type !== forType && a[key]) ctx.addIssue({ code: 'custom', path: [key], message: `only allowed when type is "${forType}"` });
		}
		if (a.kb) {
			checkVersions(ctx, catalog, a.product, a.kb.affectedVersions, ['kb', 'affectedVersions']);
			if (a.kb.fixedIn) checkVersion(ctx, catalog, a.product, a.kb.fixedIn, ['kb', 'fixedIn']);
			if (a.kb.status === 'fixed' && !a.kb.fixedIn) ctx.addIssue({ code: 'custom', path: ['kb', 'fixedIn'], message: 'required when status is "fixed"' });
			if (a.kb.status === 'workaround' && !a.kb.workaround) ctx.addIssue({ code: 'custom', path: ['kb', 'workaround'], message: 'required when status is "workaround"' });
		}
		if (a.alert) {
			checkVersions(ctx, catalog, a.product, a.alert.affectedVersions, ['alert', 'affectedVersions']);
			if (a.alert.resolved && a.alert.resolved < a.alert.published) {
				ctx.addIssue({ code: 'custom', path: ['alert', 'resolved'], message: 'an alert cannot be resolved before it was published' });
			}
		}
		if (a.release) {
			if (a.product === GENERAL_PRODUCT) ctx.addIssue({ code: 'custom', path: ['product'], message: 'release notes belong to a product' });
			checkVersion(ctx, catalog, a.product, a.release.version, ['release', 'version']);
		}
	};
}

/** The article schema without Starlight's fields, for tools and tests that validate our part alone. */
export function articleSchema(catalog: ProductCatalog) {
	return articleFields.extend({ title: text }).superRefine(checkArticle(catalog));
}
