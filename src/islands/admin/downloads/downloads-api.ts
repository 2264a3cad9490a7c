// The download catalogue as staff manage it: items with their versions (everyone reads the catalogue;
// RLS leaves writing to the RPCs), registering an item (create_download_item), and publishing a
// version through the publish-download function, which checks the stored file's sha256.
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { call, failureOf, UNAVAILABLE, type Failure, type Result } from '../../shared/backend.ts';
import type { SupportStatus } from '../props.ts';

export type Kind = 'software' | 'document' | 'tool';
export type Visibility = 'public' | 'members' | 'contract';

export interface PublishedVersion {
	id: string;
	version: string;
	sha256: string;
	size_bytes: number;
	support_status: SupportStatus;
	published_at: string;
	storage_path: string;
}

export interface ManagedItem {
	id: string;
	slug: string;
	name: string;
	kind: Kind;
	visibility: Visibility;
	product_id: string | null;
	download_versions: PublishedVersion[];
}

export async function listItems(client: SupabaseClient): Promise<Result<ManagedItem[]>> {
	const result = await call(() =>
		client
			.from('download_items')
			.select('id, slug, name, kind, visibility, product_id, download_versions(id, version, sha256, size_bytes, support_status, published_at, storage_path)')
			.order('name'),
	);
	if (!result.ok) return result;
	const items = (result.data ?? []) as ManagedItem[];
	return {
		ok: true,
		data: items.map((i) => ({ ...i, download_versions: [...(i.download_versions ?? [])].sort((a, b) => b.published_at.localeCompare(a.published_at)) })),
	};
}

export interface NewItem {
	slug: string;
	name: string;
	kind: Kind;
	visibility: Visibility;
	product: string | null;
	description: string;
}

export function createItem(client: SupabaseClient, item: NewItem): Promise<Result<{ id: string; slug: string }>> {
	return call(() => client.rpc('create_download_item', { ...item, product: item.product ?? undefined }));
}

export interface PublishRequest {
	item: string;
	version: string;
	notes: string;
	storage_path: string;
	sha256: string;
	support_status: SupportStatus;
}

export type PublishOutcome = { ok: true; version: PublishedVersion } | (Failure & { actual?: string });

export async function publishVersion(client: SupabaseClient, request: PublishRequest): Promise<PublishOutcome> {
	try {
		const { data, error } = await client.functions.invoke('publish-download', { body: request });
		if (!error) return { ok: true, version: data.version };
		const res = (error as { context?: unknown }).context;
		if (!(res instanceof Response)) return UNAVAILABLE;
		// The function answers {code, actual?} with its HTTP status; a body that is not JSON has no code.
		const body = await res.json().catch(() => ({}));
		const failure = failureOf({ code: body.code ?? null, message: body.code ? null : 'failed' }, res.status);
		return failure.error === 'refused' ? { ...failure, actual: body.actual } : failure;
	} catch {
		return UNAVAILABLE;
	}
}
