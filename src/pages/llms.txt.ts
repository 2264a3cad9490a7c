// llms.txt (llmstxt.org): what the site is and where each article is, for language models and tools
// that read documentation on a reader's behalf.
import type { APIRoute } from 'astro';
import { SECTIONS } from '../lib/sections.ts';
import { articlePath, spanishArticles } from '../lib/articles.ts';
import { programme } from '../lib/programme-data.ts';

export const GET: APIRoute = async ({ site }) => {
	const articles = await spanishArticles();
	const url = (path: string) => new URL(path, site).href;
	const lines = [
		'# Centro de soporte Quetzal',
		'',
		'> Documentación, base de conocimiento de problemas conocidos, alertas técnicas, notas de versión y programa de soporte de Quetzal Software (Quetzal Docs, Quetzal Firma, Quetzal Cargador). En español; cada página también en inglés bajo /en/.',
		'',
		// Where the site's programme takes no tickets, help is the community's.
		`Para pedir ayuda: ${url(programme.customerTickets ? '/soporte/como-abrir-un-buen-ticket/' : '/soporte/comunidad/')}. Alertas por RSS: ${url('/rss/alertas.xml')}. Notas de versión por RSS: ${url('/rss/notas-de-version.xml')}.`,
	];
	for (const section of SECTIONS) {
		const inSection = articles
			.filter((a) => a.id.startsWith(`${section.dir}/`))
			.sort((a, b) => (a.data.sidebar.order ?? 1e9) - (b.data.sidebar.order ?? 1e9) || a.data.title.localeCompare(b.data.title, 'es'));
		if (!inSection.length) continue;
		lines.push('', `## ${section.label}`, '');
		for (const a of inSection) lines.push(`- [${a.data.title}](${url(articlePath(a))})${a.data.description ? `: ${a.data.description}` : ''}`);
	}
	return new Response(`${lines.join('\n')}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
