// "Write this article": the repository's new-file page with an MDX file named and its frontmatter
// filled in from what readers searched for, so a gap in the knowledge-gap report is one click from a
// pull request (the same repository the articles' "Editar esta página" links to).

/** A file name for a query: lower-case words joined by hyphens, accents dropped, at most 60 characters. */
export function slugOf(query: string): string {
	const slug = query
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return slug || 'nuevo-articulo';
}

const YAML_SAFE = /^[^:#'"{}[\],&*!|>%@`\n]+$/;

/**
 * The new-file URL under content/docs/solucion-de-problemas (content/docs/en/… for English queries):
 * a troubleshooting article titled after the query, dated `today`, for the docs team to complete.
 */
export function newArticleUrl(repo: string, query: string, lang: 'es' | 'en', today: string): string {
	const folder = `content/docs/${lang === 'en' ? 'en/' : ''}solucion-de-problemas`;
	const title = query.charAt(0).toUpperCase() + query.slice(1);
	const quoted = YAML_SAFE.test(title) ? title : JSON.stringify(title);
	const body = [
		'---',
		`title: ${quoted}`,
		`description: ${lang === 'en' ? 'TODO: one sentence on what this article solves.' : 'TODO: una frase sobre qué resuelve este artículo.'}`,
		'type: troubleshooting',
		'product: general',
		'audience: user',
		`updated: ${today}`,
		'---',
		'',
		lang === 'en' ? `Readers searched for “${query}” and found nothing.` : `Los lectores buscaron «${query}» y no encontraron nada.`,
		'',
	].join('\n');
	const params = new URLSearchParams({ filename: `${slugOf(query)}.mdx`, value: body });
	return `${repo.replace(/\/+$/, '')}/new/main/${folder}?${params}`;
}
