// The support status a new download version has under the programme's version policy: the page
// computed each product version's status at build time; a download version such as "5.1.2" takes the
// status of its product version "5.1". Items of no product, or versions the catalogue does not list,
// have none (the person publishing chooses).
import type { ProductInfo, SupportStatus } from '../props.ts';

export function policyStatus(products: ProductInfo[], product: string | null, version: string): SupportStatus | null {
	const p = product ? products.find((x) => x.id === product) : undefined;
	if (!p || !version) return null;
	const match =
		p.versions.find((v) => v.version === version) ??
		p.versions.filter((v) => version.startsWith(`${v.version}.`)).sort((a, b) => b.version.length - a.version.length)[0];
	return match?.status ?? null;
}
