// One version of an item: when it was published, its size and SHA-256 to check the file, its notes,
// its support status under the version policy, and the download. Signed-out readers are sent to sign
// in for customers' items; a refusal (no customer organisation, no contract in force) is explained
// next to the button.
import { useState } from 'preact/hooks';
import type { SupabaseClient } from '../../lib/supabase.ts';
import { fill } from '../shared/labels.ts';
import { failureText, type Failure } from '../shared/backend.ts';
import { SIGNED_URL_SECONDS, signedDownload, type DownloadItem, type DownloadVersion } from './catalogue.ts';
import type { DownloadsProps } from './props.ts';
import { formatDay, formatSize, today } from './format.ts';
import type { DownloadLabels } from './labels.ts';
import { statusOf } from './support-status.ts';

type Props = DownloadsProps & { client: SupabaseClient; signedIn: boolean; item: DownloadItem; version: DownloadVersion };

function messageFor(failure: Failure, item: DownloadItem, labels: DownloadLabels): string {
	return failureText(failure, labels, (code) => {
		if (code === 'not_allowed') return item.visibility === 'contract' ? labels.notAllowedContract : labels.notAllowedMembers;
		if (code === 'file_missing' || code === 'version_not_found') return labels.fileMissing;
	});
}

export default function DownloadVersionView({ client, signedIn, item, version: v, lang, accountHref, statuses, labels, statusLabels }: Props) {
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<string | null>(null);
	const [url, setUrl] = useState<string | null>(null);
	const support = statusOf(statuses, item.product_id, v.version, v.support_status, today());
	const id = `mostrador-version-${v.id}`;
	const file = v.storage_path.split('/').pop();

	async function download() {
		setBusy(true);
		setError(null);
		setUrl(null);
		const answer = await signedDownload(client, v);
		setBusy(false);
		if (!answer.ok) return setError(messageFor(answer, item, labels));
		setUrl(answer.data);
		// The URL answers with Content-Disposition: attachment, so the page stays where it is.
		location.assign(answer.data);
	}

	return (
		<li class="mostrador-download-version" data-version={v.version}>
			<h4 id={id}>{fill(labels.version, { version: v.version })}</h4>
			<dl>
				<dt>{labels.published}</dt>
				<dd>{formatDay(v.published_at, lang)}</dd>
				<dt>{labels.size}</dt>
				<dd>{formatSize(v.size_bytes, lang)}</dd>
				<dt>{labels.sha256}</dt>
				<dd>
					<code class="mostrador-sha256">{v.sha256}</code>
				</dd>
				<dt>{labels.status}</dt>
				<dd data-status={support.status}>
					<span class="mostrador-badge">{statusLabels[support.status]}</span>
					{support.eol && ` ${fill(support.status === 'end-of-life' ? labels.eolSince : labels.eolUntil, { date: formatDay(support.eol, lang) })}`}
				</dd>
			</dl>
			{v.notes && (
				<>
					<p class="mostrador-download-notes-title">{labels.notes}</p>
					<p class="mostrador-download-text">{v.notes}</p>
				</>
			)}
			{signedIn || item.visibility === 'public' ? (
				<div class="mostrador-actions">
					<button type="button" class="mostrador-button" disabled={busy} aria-describedby={error ? `${id}-error` : undefined} onClick={download}>
						{busy ? labels.preparing : fill(labels.download, { version: v.version })}
					</button>
				</div>
			) : (
				<p>
					<a href={accountHref}>{labels.signInToDownload}</a>
				</p>
			)}
			{error && (
				<p id={`${id}-error`} class="mostrador-error" role="alert">
					{error}
				</p>
			)}
			{url && (
				<p class="mostrador-status" aria-live="polite">
					{fill(labels.ready, { seconds: SIGNED_URL_SECONDS })} <a href={url}>{fill(labels.readyLink, { file: file ?? '' })}</a>
				</p>
			)}
		</li>
	);
}
