// One ticket attachment: its name and size, downloaded through a signed URL made at the click (valid
// for a minute, so a copied link soon stops working; Storage checks the reader may read the object).
// Used by the customer's ticket page and the agent's workspace, which also marks staff-only files.
import { useState } from 'preact/hooks';
import type { SupabaseClient } from '../../lib/supabase.ts';
import { fill } from './labels.ts';
import { fileSize } from './file-size.ts';

export const SIGNED_URL_SECONDS = 60;

export interface AttachmentFile {
	id: string;
	storage_path: string;
	file_name: string;
	size_bytes: number;
	visibility?: string;
}

interface Props {
	client: SupabaseClient;
	file: AttachmentFile;
	labels: { download: string; downloadFailed: string; internalFile?: string };
	lang: 'es' | 'en';
	/** The list item's class, and the prefix of the error message's id. */
	className: string;
	idPrefix: string;
}

export default function AttachmentLink({ client, file, labels, lang, className, idPrefix }: Props) {
	const [busy, setBusy] = useState(false);
	const [failed, setFailed] = useState(false);
	const errorId = `${idPrefix}-${file.id}-error`;

	async function download() {
		setBusy(true);
		setFailed(false);
		try {
			const { data, error } = await client.storage.from('attachments').createSignedUrl(file.storage_path, SIGNED_URL_SECONDS, { download: file.file_name });
			if (error || !data?.signedUrl) throw error ?? new Error('no signed URL');
			location.assign(data.signedUrl);
		} catch {
			setFailed(true);
		} finally {
			setBusy(false);
		}
	}

	return (
		<li class={className}>
			<button type="button" class="mostrador-link" onClick={download} disabled={busy} aria-describedby={failed ? errorId : undefined}>
				{fill(labels.download, { name: file.file_name })}
			</button>{' '}
			<span class="mostrador-status">({fileSize(file.size_bytes, lang)})</span>
			{labels.internalFile && file.visibility === 'internal' && <span class="mostrador-badge agent-internal-badge">{labels.internalFile}</span>}
			{failed && (
				<p id={errorId} class="mostrador-error" role="alert">
					{labels.downloadFailed}
				</p>
			)}
		</li>
	);
}
