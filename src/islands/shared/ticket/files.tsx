// Choosing files for a message on a ticket, the same for the customer's reply and the agent's composer:
// each file is checked before upload (type, size, how many), uploaded one by one into the ticket's
// folder with its state shown, and a failed upload keeps what was already uploaded, so sending again
// only redoes what failed. A file uploaded for another folder (a note's, a reply's) is uploaded again.
import { useState } from 'preact/hooks';
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { fill } from '../labels.ts';
import { ATTACHMENT_MAX_FILES, fileProblem, storagePathFor } from '../attachments.ts';
import { fileSize } from '../file-size.ts';

type FileState = 'waiting' | 'uploading' | 'uploaded' | 'failed';
interface Chosen {
	key: string;
	file: File;
	state: FileState;
	path?: string;
}

// A type, not an interface, so it is assignable to the RPCs' jsonb arguments (Json wants an index signature).
export type Uploaded = {
	storage_path: string;
	file_name: string;
	mime_type: string;
	size_bytes: number;
};

export type FileLabelKey = 'fileTooLarge' | 'fileType' | 'tooManyFiles' | 'fileWaiting' | 'fileUploading' | 'fileUploaded' | 'fileFailed' | 'removeFile';
export type FileLabels = Readonly<Record<FileLabelKey, string>>;

export function useChosenFiles(labels: FileLabels) {
	const [files, setFiles] = useState<Chosen[]>([]);
	const [problems, setProblems] = useState<string[] | undefined>(undefined);
	const update = (key: string, patch: Partial<Chosen>) => setFiles((all) => all.map((f) => (f.key === key ? { ...f, ...patch } : f)));

	function choose(input: HTMLInputElement) {
		const found: string[] = [];
		const accepted: Chosen[] = [];
		for (const file of Array.from(input.files ?? [])) {
			const problem = fileProblem(file);
			if (problem === 'too_large') found.push(fill(labels.fileTooLarge, { name: file.name }));
			else if (problem) found.push(fill(labels.fileType, { name: file.name }));
			else accepted.push({ key: crypto.randomUUID(), file, state: 'waiting' });
		}
		const all = [...files, ...accepted];
		if (all.length > ATTACHMENT_MAX_FILES) found.push(fill(labels.tooManyFiles, { max: ATTACHMENT_MAX_FILES }));
		setFiles(all.slice(0, ATTACHMENT_MAX_FILES));
		setProblems(found.length ? found : undefined);
		input.value = '';
	}

	/** Uploads what is not in `folder` yet; the files to record, or null when an upload failed. */
	async function upload(client: SupabaseClient, folder: string): Promise<Uploaded[] | null> {
		const uploaded: Uploaded[] = [];
		let failed = false;
		for (const chosen of files) {
			let path = chosen.path;
			if (chosen.state !== 'uploaded' || !path || !path.startsWith(folder)) {
				path = storagePathFor(folder, chosen.file.name);
				update(chosen.key, { state: 'uploading' });
				const { error } = await client.storage
					.from('attachments')
					.upload(path, chosen.file, { contentType: chosen.file.type, upsert: false })
					.catch((error: Error) => ({ error }));
				if (error) {
					update(chosen.key, { state: 'failed', path: undefined });
					failed = true;
					continue;
				}
				update(chosen.key, { state: 'uploaded', path });
			}
			uploaded.push({ storage_path: path, file_name: chosen.file.name, mime_type: chosen.file.type, size_bytes: chosen.file.size });
		}
		if (failed) setProblems([labels.fileFailed]);
		return failed ? null : uploaded;
	}

	return {
		files,
		problems,
		choose,
		upload,
		clearProblems: () => setProblems(undefined),
		remove: (key: string) => setFiles((all) => all.filter((x) => x.key !== key)),
		clear: () => setFiles([]),
	};
}

export type ChosenFiles = ReturnType<typeof useChosenFiles>;

interface PickerProps {
	picker: ChosenFiles;
	labels: FileLabels;
	lang: 'es' | 'en';
	busy: boolean;
	/** The ids' prefix (tickets-reply, agent-composer) and the island's class prefix (tickets, agent). */
	idPrefix: string;
	classPrefix: string;
	label: string;
	hint: string;
}

export function FilePicker({ picker, labels, lang, busy, idPrefix, classPrefix, label, hint }: PickerProps) {
	const { files, problems } = picker;
	const stateText: Record<FileState, string> = { waiting: labels.fileWaiting, uploading: labels.fileUploading, uploaded: labels.fileUploaded, failed: labels.fileFailed };
	return (
		<>
			<label for={`${idPrefix}-files`}>{label}</label>
			<input
				id={`${idPrefix}-files`}
				type="file"
				multiple
				onChange={(e) => picker.choose(e.currentTarget)}
				disabled={busy}
				aria-invalid={!!problems}
				aria-describedby={problems ? `${idPrefix}-files-hint ${idPrefix}-files-error` : `${idPrefix}-files-hint`}
			/>
			<p id={`${idPrefix}-files-hint`} class="mostrador-status">
				{hint}
			</p>
			{problems && (
				<ul id={`${idPrefix}-files-error`} class={`mostrador-error ${classPrefix}-file-errors`}>
					{problems.map((p) => (
						<li>{p}</li>
					))}
				</ul>
			)}
			{files.length > 0 && (
				<ul class={`${classPrefix}-chosen`} aria-live="polite">
					{files.map((f) => (
						<li key={f.key} class={`${classPrefix}-chosen--${f.state}`}>
							<span>{f.file.name}</span> <span class="mostrador-status">({fileSize(f.file.size, lang)})</span> <span>{stateText[f.state]}</span>{' '}
							<button type="button" class="mostrador-link" disabled={busy} onClick={() => picker.remove(f.key)}>
								{fill(labels.removeFile, { name: f.file.name })}
							</button>
						</li>
					))}
				</ul>
			)}
		</>
	);
}
