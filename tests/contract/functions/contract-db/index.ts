// Contract fixture: the way project functions talk to the API — supabase-js from npm, the project URL
// and anon key from the environment, and the caller's Authorization so RLS decides as the caller.
import { createClient } from 'npm:@supabase/supabase-js@2';

Deno.serve(async (req) => {
	const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_ANON_KEY')!, {
		global: { headers: { Authorization: req.headers.get('Authorization')! } },
		auth: { persistSession: false, autoRefreshToken: false },
	});
	const { data, error } = await supabase.from('profiles').select('id');
	return Response.json({ rows: data, error: error && { code: error.code, message: error.message } });
});
