// The download catalogue as the caller sees it (download_items and download_versions: everyone reads
// the catalogue; who may fetch a file is decided when downloading), and fetching one version's file:
// record_download logs the download and answers the object's name only to those who may have it, and
// Storage signs a short-lived URL for it (again only for those whose select policy lets them see it).
import type { SupabaseClient } from '../../lib/supabase.ts';
import type { SupportStatus } from '#shared/products.ts';
import { call, failureOf, isUnavailable, UNAVAILABLE, type Result } from '../shared/backend.ts';

export type Visibility = 'public' | 'members' | 'contract';

export interface DownloadVersion {
	id: string;
	version: string;
	notes: string;
	storage_path: string;
	sha256: string;
	size_bytes: number;
	support_status: SupportStatus;
	published_at: string;
}

export interface DownloadItem {
	id: string;
	slug: string;
	name: string;
	kind: 'software' | 'document' | 'tool';
	product_id: string | null;
	visibility: Visibility;
	description: string;
	download_versions: DownloadVersion[];
}

/** How long a signed download URL works, in seconds: enough to start the download, not to share it. */
export const SIGNED_URL_SECONDS = 60;

const ITEM = 'id, slug, name, kind, product_id, visibility, description';
const VERSION = 'id, version, notes, storage_path, sha256, size_bytes, support_status, published_at';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const newestFirst = (item: DownloadItem): DownloadItem => ({
	...item,
	download_versions: [...(item.download_versions ?? [])].sort((a, b) => b.published_at.localeCompare(a.published_at) || b.version.localeCompare(a.version)),
});

export function listItems(client: SupabaseClient): Promise<Result<DownloadItem[]>> {
	return call(async () => {
		const result = await client.from('download_items').select(`${ITEM}, download_versions(${VERSION})`).order('name');
		return { ...result, data: result.error ? null : ((result.data ?? []) as DownloadItem[]).map(newestFirst) };
	});
}

/** One item by its slug or id; null when there is none. */
export function findItem(client: SupabaseClient, key: string): Promise<Result<DownloadItem | null>> {
	return call(async () => {
		const query = client.from('download_items').select(`${ITEM}, download_versions(${VERSION})`);
		const result = await (UUID.test(key) ? query.eq('id', key) : query.eq('slug', key)).maybeSingle();
		return { ...result, data: result.data ? newestFirst(result.data as DownloadItem) : null };
	});
}

/** Logs the download and signs a URL that serves the file as an attachment. */
export async function signedDownload(client: SupabaseClient, version: DownloadVersion): Promise<Result<string>> {
	try {
		const logged = await client.rpc('record_download', { version_id: version.id });
		if (logged.error) return failureOf(logged.error, logged.status);
		const path = logged.data as string;
		const file = path.split('/').pop() || path;
		const { data, error } = await client.storage.from('downloads').createSignedUrl(path, SIGNED_URL_SECONDS, { download: file });
		// Storage refusing to sign (the object is gone, or its policy hides it) reads as a missing file.
		if (error) return isUnavailable(error) ? UNAVAILABLE : { ok: false, error: 'refused', code: 'file_missing' };
		return { ok: true, data: data.signedUrl };
	} catch {
		return UNAVAILABLE;
	}
}
