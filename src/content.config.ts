// Articles live in the top-level content/docs (Starlight's docsLoader only reads src/content/docs), and
// their frontmatter is Starlight's plus src/schemas/article.ts, checked against the product catalogue.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { i18nLoader } from '@astrojs/starlight/loaders';
import { join, relative } from 'node:path';
import { articleFields, checkArticle } from './schemas/article.ts';
import { contentDir, loadProducts } from './lib/support-data.ts';

const catalog = loadProducts();

export const collections = {
	docs: defineCollection({
		loader: glob({
			base: relative(process.cwd(), join(contentDir(), 'docs')) || '.',
			pattern: '**/[^_]*.{md,mdx}',
		}),
		schema: (context) => docsSchema({ extend: articleFields })(context).superRefine(checkArticle(catalog)),
	}),
	i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
