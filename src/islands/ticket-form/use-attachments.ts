// The files attached to a draft: each one checked against the limits, uploaded at once with its own
// progress, and kept in the draft once stored (so a reload keeps them). A file that fails stays in the
// list with the reason until the customer removes it; one still uploading can be cancelled.
import { useRef, useState } from 'preact/hooks';
import { ATTACHMENT_MAX_FILES } from '#shared/ticket-input.ts';
import { attachmentPath, checkFile, UploadError, type Upload } from './upload.ts';
import type { UploadedAttachment } from './types.ts';

export interface AttachmentItem {
	id: string;
	file_name: string;
	size_bytes: number;
	mime_type: string;
	/** 0..1 */
	progress: number;
	status: 'uploading' | 'done' | 'error';
	/** A stable code (attachment_too_large, …) when status is error. */
	problem?: string;
	storage_path?: string;
}

/** Starts uploading `file` to `path`; resolves once the request is under way. */
export type StartUpload = (file: File, path: string, onProgress: (fraction: number) => void) => Promise<Upload>;

const fromStored = (a: UploadedAttachment): AttachmentItem => ({
	id: a.storage_path,
	file_name: a.file_name,
	size_bytes: a.size_bytes,
	mime_type: a.mime_type,
	progress: 1,
	status: 'done',
	storage_path: a.storage_path,
});

export function uploadedOf(items: AttachmentItem[]): UploadedAttachment[] {
	return items
		.filter((i) => i.status === 'done' && i.storage_path)
		.map((i) => ({ storage_path: i.storage_path!, file_name: i.file_name, mime_type: i.mime_type, size_bytes: i.size_bytes }));
}

export function useAttachments(initial: UploadedAttachment[], start: StartUpload) {
	const [items, setItems] = useState<AttachmentItem[]>(() => initial.map(fromStored));
	const [tooMany, setTooMany] = useState(false);
	const uploads = useRef(new Map<string, Upload>());

	const update = (id: string, patch: Partial<AttachmentItem>) => setItems((list) => list.map((i) => (i.id === id ? { ...i, ...patch } : i)));

	async function uploadOne(item: AttachmentItem, file: File, organisation: string) {
		const path = attachmentPath(organisation, file.name);
		try {
			const upload = await start(file, path, (progress) => update(item.id, { progress }));
			uploads.current.set(item.id, upload);
			await upload.done;
			update(item.id, { status: 'done', progress: 1, storage_path: path });
		} catch (e) {
			if ((e as DOMException)?.name === 'AbortError') return;
			update(item.id, { status: 'error', problem: e instanceof UploadError ? e.problem : 'attachment_failed' });
		} finally {
			uploads.current.delete(item.id);
		}
	}

	function add(files: File[], organisation: string) {
		const kept = items.filter((i) => i.status !== 'error').length;
		setTooMany(kept + files.length > ATTACHMENT_MAX_FILES);
		const accepted = files.slice(0, Math.max(0, ATTACHMENT_MAX_FILES - kept));
		const added = accepted.map((file) => {
			const problem = checkFile(file);
			const item: AttachmentItem = {
				id: crypto.randomUUID(),
				file_name: file.name,
				size_bytes: file.size,
				mime_type: file.type,
				progress: 0,
				status: problem ? 'error' : 'uploading',
				problem: problem ?? undefined,
			};
			return { item, file };
		});
		setItems((list) => [...list, ...added.map((a) => a.item)]);
		for (const { item, file } of added) if (item.status === 'uploading') void uploadOne(item, file, organisation);
	}

	function remove(id: string) {
		uploads.current.get(id)?.abort();
		setTooMany(false);
		setItems((list) => list.filter((i) => i.id !== id));
	}

	function clear() {
		for (const u of uploads.current.values()) u.abort();
		setTooMany(false);
		setItems([]);
	}

	return {
		items,
		tooMany,
		uploading: items.some((i) => i.status === 'uploading'),
		add,
		remove,
		clear,
	};
}
