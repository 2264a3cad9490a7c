// One attachment, downloaded through a signed URL made at the click (valid for a minute). Internal
// files say so, in words.
import { useState } from 'preact/hooks';
import type { SupabaseClient } from '@supabase/supabase-js';
import { fill } from '../shared/labels.ts';
import type { AgentLabels } from './labels.ts';
import type { Attachment } from './workspace-data.ts';
import { fileSize } from './format.ts';

export const SIGNED_URL_SECONDS = 60;

export default function AttachmentLink({ client, file, labels, lang }: { client: SupabaseClient; file: Attachment; labels: AgentLabels; lang: 'es' | 'en' }) {
	const [busy, setBusy] = useState(false);
	const [failed, setFailed] = useState(false);
	const errorId = `agent-attachment-${file.id}-error`;

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
		<li class="agent-attachment">
			<button type="button" class="mostrador-link" onClick={download} disabled={busy} aria-describedby={failed ? errorId : undefined}>
				{fill(labels.download, { name: file.file_name })}
			</button>{' '}
			<span class="mostrador-status">({fileSize(file.size_bytes, lang)})</span>
			{file.visibility === 'internal' && <span class="mostrador-badge agent-internal-badge">{labels.internalFile}</span>}
			{failed && (
				<p id={errorId} class="mostrador-error" role="alert">
					{labels.downloadFailed}
				</p>
			)}
		</li>
	);
}
