// Addresses the report e-mails point at, in the reader's language (Spanish at the root, English under /en/).

const prefix = (lang: 'es' | 'en') => (lang === 'en' ? '/en' : '');

/** The printable monthly report: /soporte/informe/?org=<id>&mes=YYYY-MM. */
export function reportUrl(site: string, lang: 'es' | 'en', organisation: string, month: string): string {
	const query = new URLSearchParams({ org: organisation, mes: month });
	return `${site}${prefix(lang)}/soporte/informe/?${query}`;
}

/** The organisation's tickets. */
export function ticketsUrl(site: string, lang: 'es' | 'en'): string {
	return `${site}${prefix(lang)}/soporte/tickets/`;
}
