// The browser's Supabase client, created on first use: supabase-js (~50 KB gz) is fetched only when a
// widget needs the backend, so reading an article costs nothing extra. Without PUBLIC_SUPABASE_URL
// the site talks to the local stack (`npm run dev`), with the Supabase CLI's well-known anon key.
import type { SupabaseClient } from '@supabase/supabase-js';

const LOCAL_URL = 'http://127.0.0.1:54321';
const LOCAL_ANON_KEY =
	'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

export const supabaseUrl: string = import.meta.env.PUBLIC_SUPABASE_URL || LOCAL_URL;
const anonKey: string = import.meta.env.PUBLIC_SUPABASE_ANON_KEY || LOCAL_ANON_KEY;

let client: Promise<SupabaseClient> | undefined;

export function getSupabase(): Promise<SupabaseClient> {
	client ??= import('@supabase/supabase-js').then(({ createClient }) =>
		createClient(supabaseUrl, anonKey, {
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
