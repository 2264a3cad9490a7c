// An RPC as a reader with no session: a plain fetch to PostgREST with the project's public key, the
// request supabase-js would send for an anonymous caller. What anyone may read or do (an article's
// comment thread, a vote) then costs the page no supabase-js (~54 KB gz). Failures are the shared
// kit's (backend.ts), which — with its error catalogue, ~8 KB gz — loads only when there is one.
import { anonKey, supabaseUrl, type RpcArgs, type RpcName } from '../../lib/supabase.ts';
import type { BackendError, Result } from './backend.ts';

async function failure(error: BackendError, status: number): Promise<Result<never>> {
	try {
		return (await import('./backend.ts')).failureOf(error, status);
	} catch {
		// The kit itself could not be fetched: the backend is as good as unreachable.
		return { ok: false, error: 'unavailable' };
	}
}

/** `keepalive`: the request outlives the page (a count sent as the reader follows a link). */
export async function anonRpc<T, F extends RpcName = RpcName>(fn: F, args: RpcArgs<F>, { keepalive = false } = {}): Promise<Result<T>> {
	let response: Response;
	try {
		response = await fetch(`${supabaseUrl}/rest/v1/rpc/${fn}`, {
			method: 'POST',
			headers: { apikey: anonKey, Authorization: `Bearer ${anonKey}`, 'Content-Type': 'application/json' },
			body: JSON.stringify(args),
			keepalive,
		});
	} catch (e) {
		return failure({ message: e instanceof Error ? e.message : 'fetch failed' }, 0);
	}
	const text = await response.text().catch(() => '');
	let body: unknown = null;
	try {
		body = text ? JSON.parse(text) : null;
	} catch {
		body = null;
	}
	if (response.ok) return { ok: true, data: body as T };
	// PostgREST's error body: {code, message, details, hint}.
	const error = (body && typeof body === 'object' ? body : {}) as BackendError;
	return failure({ message: error.message ?? response.statusText, code: error.code ?? null }, response.status);
}
