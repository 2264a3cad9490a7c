// The browser's Supabase client, created on first use: supabase-js (~50 KB gz) is fetched only when a
// widget needs the backend, so reading an article costs nothing extra. Without PUBLIC_SUPABASE_URL
// the site talks to the local stack (`npm run dev`), with the Supabase CLI's well-known anon key.
import type { SupabaseClient as UntypedClient } from '@supabase/supabase-js';
import type { Database } from '#shared/database.types.ts';

/** The client typed by the schema the migrations create (database.types.ts, generated): every island takes this one. */
export type SupabaseClient = UntypedClient<Database>;

type Functions = Database['public']['Functions'];
/** An RPC's name and the arguments the schema declares for it. */
export type RpcName = keyof Functions & string;
export type RpcArgs<F extends RpcName> = Functions[F]['Args'];

/**
 * SQL null for an RPC argument that takes it to mean "none" (assign_ticket's assignee, link_problem's
 * problem): the generated types declare every argument of a function non-null, since the catalog does
 * not say which ones the function body accepts null for.
 */
export const SQL_NULL = null as unknown as string;

const LOCAL_URL = 'http://127.0.0.1:54321';
const LOCAL_ANON_KEY =
	'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

export const supabaseUrl: string = import.meta.env.PUBLIC_SUPABASE_URL || LOCAL_URL;
/** The project's public key; Storage's resumable and progress uploads send it as `apikey` too. */
export const anonKey: string = import.meta.env.PUBLIC_SUPABASE_ANON_KEY || LOCAL_ANON_KEY;

let client: Promise<SupabaseClient> | undefined;

export function getSupabase(): Promise<SupabaseClient> {
	client ??= import('@supabase/supabase-js').then(({ createClient }) =>
		createClient<Database>(supabaseUrl, anonKey, {
			// Magic links come back to the page with the session in the URL fragment (implicit flow).
			auth: { persistSession: true, autoRefreshToken: true, detectSessionInUrl: true, flowType: 'implicit' },
		}),
	);
	client.catch(() => (client = undefined));
	return client;
}

/** Whether a session was stored by an earlier visit, without loading supabase-js. */
export function hasStoredSession(): boolean {
	try {
		const key = `sb-${new URL(supabaseUrl).hostname.split('.')[0]}-auth-token`;
		return localStorage.getItem(key) !== null;
	} catch {
		return false;
	}
}
