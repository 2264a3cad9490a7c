import { afterEach, describe, expect, it, vi } from 'vitest';
import { anonRpc } from '../../../src/islands/shared/anon-rpc.ts';
import { anonKey, supabaseUrl } from '../../../src/lib/supabase.ts';
import { sourceFromQuery } from '../../../src/islands/ticket-form/source-article.ts';

afterEach(() => vi.unstubAllGlobals());

describe('anonRpc: an RPC as a reader with no session, without supabase-js', () => {
	it('posts the arguments to PostgREST with the public key, as supabase-js would, and answers the data', async () => {
		const fetch = vi.fn(async () => new Response(JSON.stringify([{ id: 'c1' }]), { status: 200 }));
		vi.stubGlobal('fetch', fetch);
		expect(await anonRpc('article_comment_thread', { article: 'guias/a' })).toEqual({ ok: true, data: [{ id: 'c1' }] });
		const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
		expect(url).toBe(`${supabaseUrl}/rest/v1/rpc/article_comment_thread`);
		expect(init.method).toBe('POST');
		expect(init.headers).toMatchObject({ apikey: anonKey, Authorization: `Bearer ${anonKey}` });
		expect(JSON.parse(String(init.body))).toEqual({ article: 'guias/a' });
	});

	it('answers a void function (204) with null', async () => {
		vi.stubGlobal('fetch', async () => new Response(null, { status: 204 }));
		expect(await anonRpc('vote_article', { article: 'a', helpful: true })).toEqual({ ok: true, data: null });
	});

	it('reads a refusal through the shared kit, and no answer or a 5xx as unavailable', async () => {
		vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ code: 'P0001', message: 'rate_limited' }), { status: 400 }));
		expect(await anonRpc('vote_article', { article: 'a', helpful: true })).toEqual({ ok: false, error: 'refused', code: 'rate_limited' });
		vi.stubGlobal('fetch', async () => new Response('bad gateway', { status: 502 }));
		expect(await anonRpc('vote_article', { article: 'a', helpful: true })).toEqual({ ok: false, error: 'unavailable' });
		vi.stubGlobal('fetch', async () => Promise.reject(new TypeError('Failed to fetch')));
		expect(await anonRpc('vote_article', { article: 'a', helpful: true })).toEqual({ ok: false, error: 'unavailable' });
	});
});

describe('sourceFromQuery: the article a ticket comes from, in the new-ticket page address', () => {
	it('reads the launcher form’s fields, and nothing without an article', () => {
		expect(sourceFromQuery('?article=guias%2Fa&product=quetzal-docs&version=5.1')).toEqual({ slug: 'guias/a', product: 'quetzal-docs', version: '5.1' });
		expect(sourceFromQuery('?article=guias%2Fa')).toEqual({ slug: 'guias/a', product: '', version: '' });
		expect(sourceFromQuery('')).toBeUndefined();
	});
});
