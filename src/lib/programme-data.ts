// The active programme and the product catalogue, read once per build for the pages that show them.
import { loadActiveProgramme, loadProducts } from './support-data.ts';

export const programme = loadActiveProgramme();
export const catalog = loadProducts(undefined, programme);

export function productName(id: string): string | undefined {
	return catalog.products.find((p) => p.id === id)?.name;
}
