// Addresses in e-mails point back at the site, in the reader's language: Spanish pages at the root,
// English under /en/ (the site's Starlight locales), tickets at /soporte/tickets/?n=<number>
// (one static page shows any ticket: a static host cannot serve a page per ticket number), and the
// same ticket in the agent console's workspace at /agente/?t=<number> (&responder opens it with the
// cursor in the reply, src/islands/agent/AgentApp.tsx).

export const DEFAULT_SITE_URL = 'http://127.0.0.1:4321';

/** The site's public origin (and base path, if any) without a trailing slash; refuses anything but http(s). */
export function siteUrl(raw: string | undefined): string {
	const value = raw?.trim() || DEFAULT_SITE_URL;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new Error(`SITE_URL is not a URL: ${JSON.stringify(value)}`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`SITE_URL must be http(s): ${JSON.stringify(value)}`);
	if (url.search || url.hash) throw new Error(`SITE_URL must not have a query or fragment: ${JSON.stringify(value)}`);
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

const prefix = (lang: 'es' | 'en') => (lang === 'en' ? '/en' : '');

export function ticketUrl(site: string, lang: 'es' | 'en', number: number): string {
	return `${site}${prefix(lang)}/soporte/tickets/?n=${number}`;
}

/** A ticket in the agent console; `reply` opens it ready to answer. */
export function workspaceUrl(site: string, lang: 'es' | 'en', number: number, reply = false): string {
	return `${site}${prefix(lang)}/agente/?t=${number}${reply ? '&responder' : ''}`;
}

/** A page of the site by its path, e.g. /cuenta/ or /soporte/nuevo/. */
export function pageUrl(site: string, lang: 'es' | 'en', path: string): string {
	return `${site}${prefix(lang)}/${path.replace(/^\/+|\/+$/g, '')}/`;
}

/** A knowledge-base article by its slug, e.g. base-de-conocimiento/indice-desactualizado. */
export function articleUrl(site: string, lang: 'es' | 'en', slug: string): string {
	return `${site}${prefix(lang)}/${slug.replace(/^\/+|\/+$/g, '')}/`;
}
