// The article a ticket is filed from, in the new-ticket page's address (?article=…&product=…&version=…):
// the article's launcher is a form that goes there when its island is not running (no JavaScript),
// and the form on that page reads it back, so the ticket keeps its source and defaults.
import type { SourceArticle } from './types.ts';

/** The query's field for each part of the source article. */
export const SOURCE_FIELDS = { slug: 'article', product: 'product', version: 'version' } as const satisfies Record<keyof SourceArticle, string>;

export function sourceFromQuery(search: string): SourceArticle | undefined {
	const query = new URLSearchParams(search);
	const slug = query.get(SOURCE_FIELDS.slug);
	if (!slug) return undefined;
	return { slug, product: query.get(SOURCE_FIELDS.product) ?? '', version: query.get(SOURCE_FIELDS.version) ?? '' };
}
