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

/**
 * The new-file URL under content/docs/solucion-de-problemas (content/docs/en/… for English queries):
 * a troubleshooting article titled after the query, dated `today`, for the docs team to complete.
 */
export function newArticleUrl(repo: string, query: string, lang: 'es' | 'en', today: string): string {
	const folder = `content/docs/${lang === 'en' ? 'en/' : ''}solucion-de-problemas`;
	// The query is anyone's text: it goes only into the title, as a JSON string (valid YAML whatever it
	// holds: "null", "- x", quotes), never into the MDX body, where {…} would run at build time.
	const title = JSON.stringify(query.charAt(0).toUpperCase() + query.slice(1));
	const body = [
		'---',
		`title: ${title}`,
		`description: ${JSON.stringify(lang === 'en' ? 'TODO: one sentence on what this article solves.' : 'TODO: una frase sobre qué resuelve este artículo.')}`,
		'type: troubleshooting',
		'product: general',
		'audience: user',
		`updated: ${today}`,
		'---',
		'',
		lang === 'en' ? 'TODO: the answer readers searched for (the title is what they typed).' : 'TODO: la respuesta que buscaron los lectores (el título es lo que escribieron).',
		'',
	].join('\n');
	const params = new URLSearchParams({ filename: `${slugOf(query)}.mdx`, value: body });
	return `${repo.replace(/\/+$/, '')}/new/main/${folder}?${params}`;
}
