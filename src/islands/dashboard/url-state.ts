// What the dashboard shows lives in the address (?org=<id>&from=YYYY-MM&to=YYYY-MM), so a view can be
// bookmarked or shared, and back and forward move between views.
import type { Query } from './dashboard-data.ts';

export interface UrlQuery {
	organisation: string | null;
	from: string | null;
	to: string | null;
}

export function readUrl(search: string): UrlQuery {
	const params = new URLSearchParams(search);
	return { organisation: params.get('org') || null, from: params.get('from'), to: params.get('to') };
}

export function writeUrl(query: Query): void {
	const params = new URLSearchParams();
	if (query.organisation) params.set('org', query.organisation);
	params.set('from', query.from);
	params.set('to', query.to);
	const next = `${location.pathname}?${params}`;
	if (`${location.pathname}${location.search}` !== next) history.pushState(null, '', next);
}
