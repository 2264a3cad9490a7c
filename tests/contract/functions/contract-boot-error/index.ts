// Contract fixture: fails while loading (a module that does not exist), so the worker never boots.
import { nothing } from './does-not-exist.ts';

Deno.serve(() => new Response(String(nothing)));
