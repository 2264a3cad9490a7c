// Products and their versions (content/support/products.yaml), and the support status each version has
// under the programme's version policy. Read by the docs (release notes, policy page, article
// validation) and by the downloads widgets. Pure module: runs in Node, Deno and the browser.
import { z } from 'zod';
import { localDate, localizedText, type VersionPolicy } from './programme.ts';

export const productVersion = z
	.strictObject({
		/** "MAJOR.MINOR" or "MAJOR.MINOR.PATCH". */
		version: z.string().regex(/^\d+\.\d+(?:\.\d+)?$/, { message: 'expected a version such as "5.1" or "5.1.2"' }),
		released: localDate,
		/** Day the end of life was announced. */
		eolAnnounced: localDate.optional(),
		/** Last day of support. */
		eol: localDate.optional(),
	})
	.refine((v) => !v.eol || v.eolAnnounced, { message: 'an end of life needs the date it was announced', path: ['eolAnnounced'] });

export const product = z.strictObject({
	id: z.string().regex(/^[a-z0-9-]+$/),
	name: z.string().min(1),
	kind: z.enum(['software', 'tool']),
	description: localizedText,
	versions: z.array(productVersion).min(1),
});
export type Product = z.infer<typeof product>;

/** The product id an article uses when it is about no product in particular. */
export const GENERAL_PRODUCT = 'general';

export const productCatalog = z
	.strictObject({ products: z.array(product).min(1) })
	.superRefine((c, ctx) => {
		c.products.forEach((p, i) => {
			if (p.id === GENERAL_PRODUCT) ctx.addIssue({ code: 'custom', path: ['products', i, 'id'], message: `"${GENERAL_PRODUCT}" is reserved for articles about no product` });
			const versions = p.versions.map((v) => v.version);
			const d = versions.find((v, j) => versions.indexOf(v) !== j);
			if (d) ctx.addIssue({ code: 'custom', path: ['products', i, 'versions'], message: `version "${d}" listed twice` });
		});
		const ids = c.products.map((p) => p.id);
		const d = ids.find((v, j) => ids.indexOf(v) !== j);
		if (d) ctx.addIssue({ code: 'custom', path: ['products'], message: `product "${d}" listed twice` });
	});
export type ProductCatalog = z.infer<typeof productCatalog>;

export function majorOf(version: string): number {
	return Number(version.split('.')[0]);
}

/** Compares "5.10" after "5.9". */
export function compareVersions(a: string, b: string): number {
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		const d = (pa[i] ?? 0) - (pb[i] ?? 0);
		if (d !== 0) return d;
	}
	return 0;
}

function addMonths(date: string, months: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	const day = d.getUTCDate();
	d.setUTCDate(1);
	d.setUTCMonth(d.getUTCMonth() + months);
	const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
	d.setUTCDate(Math.min(day, last));
	return d.toISOString().slice(0, 10);
}

/** Issues with a catalogue under a policy: an end of life announced with less notice than promised. */
export function policyViolations(catalog: ProductCatalog, policy: VersionPolicy): string[] {
	const out: string[] = [];
	for (const p of catalog.products) {
		const majors = [...new Set(p.versions.map((x) => majorOf(x.version)))].sort((a, b) => b - a);
		const supported = majors.slice(0, policy.supportedMajors);
		for (const v of p.versions) {
			if (!supported.includes(majorOf(v.version)) && !v.eolAnnounced) {
				out.push(`${p.id} ${v.version}: older than the ${policy.supportedMajors} supported majors, so its end of life must be announced (eolAnnounced, eol)`);
			}
			if (v.eol && v.eolAnnounced && v.eol < addMonths(v.eolAnnounced, policy.eolNoticeMonths)) {
				out.push(`${p.id} ${v.version}: end of life ${v.eol} comes less than ${policy.eolNoticeMonths} months after its announcement (${v.eolAnnounced})`);
			}
		}
	}
	return out;
}

export type SupportStatus =
	/** Newest major. */
	| 'current'
	/** Within the supported majors, not the newest. */
	| 'supported'
	/** End of life announced, still supported until `eol`. */
	| 'retiring'
	/** No longer supported. */
	| 'end-of-life';

/**
 * Support status of a version on a given day. A version is supported while its major is among the
 * newest `supportedMajors` released majors; an older one stays supported until its announced end of
 * life (never sooner than the notice the policy promises), and one with no announcement yet stays
 * supported, since the notice period has not started.
 */
export function supportStatus(p: Product, version: string, policy: VersionPolicy, today: string): SupportStatus {
	const v = p.versions.find((x) => x.version === version);
	if (!v) throw new Error(`${p.id} has no version "${version}"`);
	if (v.eol && v.eol < today) return 'end-of-life';
	const released = p.versions.filter((x) => x.released <= today);
	const majors = [...new Set(released.map((x) => majorOf(x.version)))].sort((a, b) => b - a);
	const major = majorOf(version);
	if (v.eolAnnounced && v.eolAnnounced <= today) return 'retiring';
	if (major === majors[0]) return 'current';
	// Outside the supported majors but unannounced: the notice period has not started yet
	// (policyViolations reports it, so the data gets its announcement).
	return 'supported';
}

export function latestVersion(p: Product, today: string): string {
	return p.versions
		.filter((x) => x.released <= today)
		.map((x) => x.version)
		.sort(compareVersions)
		.at(-1)!;
}
