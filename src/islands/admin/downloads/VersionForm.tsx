// Publishes a version of a download item: the browser computes the file's sha256, uploads it to
// <item id>/<version>/<file> in the `downloads` bucket with a progress bar, and asks the
// publish-download function to publish it; the server streams the stored file, computes its own
// sha256 and publishes only when both agree. The support status starts as the version policy's for
// the item's product and version, and can be changed before publishing.
import { useEffect, useRef, useState } from 'preact/hooks';
import { anonKey, supabaseUrl, type SupabaseClient } from '../../../lib/supabase.ts';
import { fill } from '../../shared/labels.ts';
import { keySafeFileName, storagePath, SUPPORT_STATUSES, VERSION_PATTERN } from '../../../../supabase/functions/publish-download/rules.ts';
import { messageFor } from '../errors.ts';
import { failureCode } from '../../shared/backend.ts';
import { Field, controlProps } from '../Field.tsx';
import type { AdminProps, SupportStatus } from '../props.ts';
import { publishVersion, type ManagedItem, type PublishedVersion } from './downloads-api.ts';
import { fileSha256 } from './sha256.ts';
import { policyStatus } from './support-status.ts';
import { UploadError, uploadDownload } from './upload.ts';
import { Submit } from '../FormEnd.tsx';

type FieldName = 'item' | 'version' | 'file';
type Step = { kind: 'idle' } | { kind: 'hashing' } | { kind: 'uploading'; percent: number } | { kind: 'verifying' };

interface Props {
	client: SupabaseClient;
	props: AdminProps;
	items: ManagedItem[];
	/** The item to preselect (one just registered). */
	preselect: string | null;
	onPublished: () => void;
}

const FIELD_OF: Record<string, FieldName> = { version_exists: 'version', path_in_use: 'version', item_not_found: 'item', file_too_large: 'file' };

export function VersionForm({ client, props, items, preselect, onPublished }: Props) {
	const { labels, statusLabels } = props;
	const [itemId, setItemId] = useState(preselect ?? '');
	const [version, setVersion] = useState('');
	const [notes, setNotes] = useState('');
	const [file, setFile] = useState<File | null>(null);
	const [status, setStatus] = useState<SupportStatus>('current');
	const [statusChosen, setStatusChosen] = useState(false);
	const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
	const [formError, setFormError] = useState('');
	const [step, setStep] = useState<Step>({ kind: 'idle' });
	const [published, setPublished] = useState<{ item: ManagedItem; version: PublishedVersion } | null>(null);
	const form = useRef<HTMLFormElement>(null);
	const fileInput = useRef<HTMLInputElement>(null);

	useEffect(() => {
		if (preselect) setItemId(preselect);
	}, [preselect]);

	const item = items.find((i) => i.id === itemId);
	const policy = item ? policyStatus(props.products, item.product_id, version.trim()) : null;
	// The policy's status until the person picks one themselves.
	useEffect(() => {
		if (!statusChosen && policy) setStatus(policy);
	}, [policy, statusChosen]);

	const focusField = (field: FieldName) => form.current?.querySelector<HTMLElement>(`#admin-version-${field}`)?.focus();
	const refuse = (field: FieldName, text: string) => {
		setErrors({ [field]: text });
		focusField(field);
	};

	async function submit(e: Event) {
		e.preventDefault();
		setFormError('');
		setPublished(null);
		const v = version.trim();
		if (!item) return refuse('item', labels['version.itemMissing']);
		if (!VERSION_PATTERN.test(v)) return refuse('version', labels['version.invalid']);
		if (item.download_versions.some((x) => x.version === v)) return refuse('version', labels['error.version_exists']);
		if (!file) return refuse('file', labels['version.fileMissing']);
		setErrors({});

		const session = (await client.auth.getSession()).data.session;
		if (!session) return setFormError(labels['error.session_expired']);
		const path = storagePath(item.id, v, keySafeFileName(file.name));
		try {
			setStep({ kind: 'hashing' });
			const sha256 = await fileSha256(file);
			setStep({ kind: 'uploading', percent: 0 });
			await uploadDownload({
				url: supabaseUrl,
				apiKey: anonKey,
				accessToken: session.access_token,
				path,
				file,
				onProgress: (f) => setStep({ kind: 'uploading', percent: Math.round(f * 100) }),
			});
			setStep({ kind: 'verifying' });
			const result = await publishVersion(client, { item: item.id, version: v, notes: notes.trim(), storage_path: path, sha256, support_status: status });
			setStep({ kind: 'idle' });
			if (!result.ok) {
				const field = FIELD_OF[failureCode(result)];
				if (field) return refuse(field, messageFor(result, labels));
				return setFormError(messageFor(result, labels));
			}
			setPublished({ item, version: result.version });
			setVersion('');
			setNotes('');
			setFile(null);
			setStatusChosen(false);
			if (fileInput.current) fileInput.current.value = '';
			onPublished();
		} catch (err) {
			setStep({ kind: 'idle' });
			const problem = err instanceof UploadError ? err.problem : 'unavailable';
			if (problem === 'file_too_large') return refuse('file', messageFor(problem, labels));
			setFormError(messageFor(problem, labels));
		}
	}

	const busy = step.kind !== 'idle';
	const statusHint = !item ? undefined : policy ? fill(labels['version.statusPolicy'], { status: statusLabels[policy] }) : labels['version.statusNoPolicy'];
	const downloadsHref = published ? `${props.paths.downloads}?item=${encodeURIComponent(published.item.slug)}` : '';

	return (
		<section class="admin-panel" aria-labelledby="admin-version-heading">
			<h2 id="admin-version-heading">{labels['version.heading']}</h2>
			<form ref={form} class="mostrador-form" onSubmit={submit} noValidate>
				<Field id="admin-version-item" label={labels['version.item']} error={errors.item}>
					<select {...controlProps('admin-version-item', undefined, errors.item)} value={itemId} onChange={(e) => setItemId(e.currentTarget.value)} disabled={busy}>
						<option value="">{labels['version.chooseItem']}</option>
						{items.map((i) => (
							<option key={i.id} value={i.id}>
								{i.name} ({i.slug})
							</option>
						))}
					</select>
				</Field>
				<Field id="admin-version-version" label={labels['version.version']} hint={labels['version.versionHint']} error={errors.version}>
					<input
						{...controlProps('admin-version-version', labels['version.versionHint'], errors.version)}
						value={version}
						maxLength={50}
						autocomplete="off"
						spellcheck={false}
						disabled={busy}
						onInput={(e) => setVersion(e.currentTarget.value)}
					/>
				</Field>
				<Field id="admin-version-status" label={labels['version.status']} hint={statusHint}>
					<select
						{...controlProps('admin-version-status', statusHint, undefined)}
						value={status}
						disabled={busy}
						onChange={(e) => {
							setStatus(e.currentTarget.value as SupportStatus);
							setStatusChosen(true);
						}}
					>
						{SUPPORT_STATUSES.map((s) => (
							<option key={s} value={s}>
								{statusLabels[s]}
							</option>
						))}
					</select>
				</Field>
				<Field id="admin-version-file" label={labels['version.file']} hint={labels['version.fileHint']} error={errors.file}>
					<input
						ref={fileInput}
						type="file"
						{...controlProps('admin-version-file', labels['version.fileHint'], errors.file)}
						disabled={busy}
						onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
					/>
				</Field>
				<Field id="admin-version-notes" label={labels['version.notes']}>
					<textarea id="admin-version-notes" rows={3} maxLength={5000} value={notes} disabled={busy} onInput={(e) => setNotes(e.currentTarget.value)} />
				</Field>
				<Submit error={formError} busy={busy} text={labels['version.submit']} busyText={labels['version.submitting']} />
				<Progress step={step} props={props} />
				<div role="status" class="admin-done">
					{published && (
						<p>
							{fill(labels['version.published'], { version: published.version.version, name: published.item.name })}{' '}
							<span class="admin-sha">
								{labels['version.sha256']} <code>{published.version.sha256}</code>
							</span>{' '}
							<a href={downloadsHref}>{labels['version.viewOnPage']}</a>
						</p>
					)}
				</div>
			</form>
		</section>
	);
}

function Progress({ step, props }: { step: Step; props: AdminProps }) {
	const { labels } = props;
	if (step.kind === 'idle') return null;
	if (step.kind === 'uploading')
		return (
			<div class="admin-progress">
				<label for="admin-version-progress">{labels['version.progress']}</label>
				<progress id="admin-version-progress" max={100} value={step.percent}>
					{step.percent} %
				</progress>
				<span aria-hidden="true">{step.percent} %</span>
			</div>
		);
	return (
		<p class="mostrador-status" aria-live="polite">
			{step.kind === 'hashing' ? labels['version.hashing'] : labels['version.verifying']}
		</p>
	);
}
