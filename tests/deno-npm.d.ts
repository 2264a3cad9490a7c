// The edge functions import npm packages by Deno's `npm:` specifiers; tests that import a function's
// module type-check it under Node's resolution, where these name the same packages in node_modules.
declare module 'npm:@supabase/supabase-js@2' {
	export * from '@supabase/supabase-js';
}
