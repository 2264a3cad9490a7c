// The support status of a published download version under the programme's version policy. The page
// computes each product version's status at build time with supportStatus() (products.ts, which
// brings zod and so stays on the server) and hands the table to the island; here a download version
// ("5.1.2") finds its product version ("5.1"), and an end of life reached since the build counts from
// its day. Items of no product, or versions not in the catalogue, keep the status stored with them.
import type { SupportStatus } from '#shared/products.ts';

export interface VersionStatus {
	version: string;
	status: SupportStatus;
	/** Last day of support, YYYY-MM-DD. */
	eol?: string;
}

/** Product id → its versions' statuses on the day the site was built. */
export type StatusTable = Record<string, VersionStatus[]>;

export function statusOf(table: StatusTable, product: string | null, version: string, stored: SupportStatus, today: string): { status: SupportStatus; eol?: string } {
	const versions = product ? (table[product] ?? []) : [];
	const match =
		versions.find((v) => v.version === version) ??
		versions.filter((v) => version.startsWith(`${v.version}.`)).sort((a, b) => b.version.length - a.version.length)[0];
	if (!match) return { status: stored };
	if (match.eol && match.eol < today) return { status: 'end-of-life', eol: match.eol };
	return { status: match.status, eol: match.eol };
}
