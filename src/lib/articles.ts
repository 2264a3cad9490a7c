// Queries over the docs collection shared by the feeds and llms.txt.
import { getCollection, type CollectionEntry } from 'astro:content';
import type { ArticleFields, ArticleType } from '../schemas/article.ts';

export type Article = CollectionEntry<'docs'> & { data: CollectionEntry<'docs'>['data'] & ArticleFields };

/** Spanish (root locale) articles; English ones live under en/. */
export async function spanishArticles(): Promise<Article[]> {
	return (await getCollection('docs', (e) => !e.id.startsWith('en/') && !e.data.draft)) as Article[];
}

export async function articlesOfType(type: ArticleType): Promise<Article[]> {
	return (await spanishArticles()).filter((a) => a.data.type === type);
}

export function articlePath(entry: { id: string }): string {
	return entry.id === 'index' ? '/' : `/${entry.id}/`;
}
