// One attachment: its name, type and size, downloaded through a signed URL made at the click (valid
// for a minute, so a copied link soon stops working). Storage checks the reader may read the object.
import { useState } from 'preact/hooks';
import type { SupabaseClient } from '@supabase/supabase-js';
import { fill } from '../shared/labels.ts';
import type { TicketsLabels } from './labels.ts';
import type { Attachment } from './ticket-data.ts';
import { fileSize } from './format.ts';

export const SIGNED_URL_SECONDS = 60;

export default function AttachmentLink({ client, file, labels, lang }: { client: SupabaseClient; file: Attachment; labels: TicketsLabels; lang: 'es' | 'en' }) {
	const [busy, setBusy] = useState(false);
	const [failed, setFailed] = useState(false);
	const errorId = `attachment-${file.id}-error`;

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
		<li class="tickets-attachment">
			<button type="button" class="mostrador-link" onClick={download} disabled={busy} aria-describedby={failed ? errorId : undefined}>
				{fill(labels.download, { name: file.file_name })}
			</button>{' '}
			<span class="mostrador-status">({fileSize(file.size_bytes, lang)})</span>
			{failed && (
				<p id={errorId} class="mostrador-error" role="alert">
					{labels.downloadFailed}
				</p>
			)}
		</li>
	);
}
