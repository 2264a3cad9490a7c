// POST /functions/v1/publish-download — publishes a version of a download item once its file is in
// the private `downloads` bucket. The admin page uploads the file to <item id>/<version>/<file> with
// progress and sends the sha256 it computed of those bytes; this function, acting as the signed-in
// caller throughout (so RLS, the bucket's policies and publish_download_version's staff check all
// apply to them), streams the stored object back, computes its sha256 and size, and publishes the
// version only when both checksums agree. A mismatch means the stored bytes are not the ones chosen:
// the object is removed, nothing is published, and the answer says both checksums.
import { createClient, type SupabaseClient as UntypedClient } from 'npm:@supabase/supabase-js@2';
import type { Database } from '../_shared/database.types.ts';
import { fail, json, preflight } from '../_shared/function-http.ts';
import { inputIssues, publishInput, type PublishInput } from './input.ts';
import { sha256OfStream } from './checksum.ts';

/** The client typed by the generated schema types. */
type SupabaseClient = UntypedClient<Database>;

const env = (name: string) => {
	const value = Deno.env.get(name);
	if (!value) throw new Error(`${name} is not set`);
	return value;
};

/** RPC error codes → HTTP statuses. */
const STATUS: Record<string, number> = {
	staff_only: 403,
	item_not_found: 404,
	path_outside_item: 400,
	version_exists: 409,
};

interface Caller {
	id: string;
	authorization: string;
	db: SupabaseClient;
}

async function caller(req: Request): Promise<Caller | undefined> {
	const authorization = req.headers.get('authorization');
	if (!authorization) return undefined;
	const db = createClient<Database>(env('SUPABASE_URL'), env('SUPABASE_ANON_KEY'), {
		global: { headers: { Authorization: authorization } },
		auth: { persistSession: false, autoRefreshToken: false },
	});
	const { data, error } = await db.auth.getUser();
	if (error || !data.user) return undefined;
	return { id: data.user.id, authorization, db };
}

/** The stored object, read as the caller (the bucket's select policy lets staff read every file). */
function fetchObject(who: Caller, path: string): Promise<Response> {
	const key = path.split('/').map(encodeURIComponent).join('/');
	return fetch(`${env('SUPABASE_URL')}/storage/v1/object/authenticated/downloads/${key}`, {
		headers: { authorization: who.authorization, apikey: env('SUPABASE_ANON_KEY') },
	});
}

async function publish(req: Request, who: Caller, input: PublishInput): Promise<Response> {
	const { data: staff, error: staffError } = await who.db.from('staff').select('user_id').eq('user_id', who.id).maybeSingle();
	if (staffError) throw new Error(`staff: ${staffError.message}`);
	if (!staff) return fail(req, 403, 'staff_only');

	// Refusals that need no bytes come first, so a file already published is never touched.
	const { data: item, error: itemError } = await who.db.from('download_items').select('id').eq('id', input.item).maybeSingle();
	if (itemError) throw new Error(`download_items: ${itemError.message}`);
	if (!item) return fail(req, 404, 'item_not_found');
	const sameVersion = await who.db.from('download_versions').select('id').eq('item_id', input.item).eq('version', input.version);
	if (sameVersion.error) throw new Error(`download_versions: ${sameVersion.error.message}`);
	if (sameVersion.data.length) return fail(req, 409, 'version_exists');
	const samePath = await who.db.from('download_versions').select('id').eq('storage_path', input.storage_path);
	if (samePath.error) throw new Error(`download_versions: ${samePath.error.message}`);
	if (samePath.data.length) return fail(req, 409, 'path_in_use');

	const object = await fetchObject(who, input.storage_path);
	if (object.status === 404 || object.status === 400) {
		await object.body?.cancel();
		return fail(req, 404, 'file_not_found');
	}
	if (!object.ok || !object.body) throw new Error(`storage: HTTP ${object.status}`);
	const stored = await sha256OfStream(object.body);

	if (stored.sha256 !== input.sha256) {
		const removed = await who.db.storage.from('downloads').remove([input.storage_path]);
		if (removed.error) console.error('publish-download: could not remove', input.storage_path, removed.error.message);
		return fail(req, 422, 'checksum_mismatch', { expected: input.sha256, actual: stored.sha256, size_bytes: stored.bytes });
	}

	const { data: version, error } = await who.db.rpc('publish_download_version', {
		item: input.item,
		version: input.version,
		notes: input.notes,
		storage_path: input.storage_path,
		sha256: stored.sha256,
		size_bytes: stored.bytes,
		support_status: input.support_status,
	});
	if (error) {
		// Two publishes of the same version raced: the other one won.
		if (error.code === '23505') return fail(req, 409, 'version_exists');
		const status = STATUS[error.message];
		if (!status) throw new Error(`publish_download_version: ${error.code} ${error.message}`);
		return fail(req, status, error.message);
	}
	return json(req, { version }, 201);
}

Deno.serve(async (req) => {
	if (req.method === 'OPTIONS') return preflight(req);
	if (req.method !== 'POST') return fail(req, 405, 'method_not_allowed');
	try {
		const who = await caller(req);
		if (!who) return fail(req, 401, 'not_signed_in');
		let body: unknown;
		try {
			body = await req.json();
		} catch {
			return fail(req, 400, 'invalid_json');
		}
		const parsed = publishInput.safeParse(body);
		if (!parsed.success) return fail(req, 400, 'invalid_input', { issues: inputIssues(parsed.error) });
		return await publish(req, who, parsed.data);
	} catch (e) {
		console.error('publish-download:', e);
		return fail(req, 500, 'internal_error');
	}
});
