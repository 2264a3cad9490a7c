// A mail's attachments into the private `attachments` bucket, where the ticket form and the reply box
// put theirs: a new ticket's files under <organisation>/<draft folder>/<file> (the form's shape, which
// create_ticket links), a reply's under <organisation>/<ticket>/<file> (reply_with_attachments'). The
// folder and names come from the Message-ID, so a redelivered mail writes the same objects again
// (upsert) instead of new ones. The service role uploads them; claim_inbound_files then makes them the
// sender's, which is what private.attach_files asks of a file before it links it.
import type { SupabaseClient } from 'npm:@supabase/supabase-js@2';
import type { Database } from '../_shared/database.types.ts';
import { ATTACHMENT_MAX_FILES } from '../_shared/ticket-input.ts';
import { isStorable, type InboundAttachment } from '../_shared/inbound/index.ts';

export interface StoredFile {
	storage_path: string;
	file_name: string;
}

/** The first `length` hex characters of the SHA-256 of `text`. */
export async function digest(text: string, length = 64): Promise<string> {
	const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
	return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('').slice(0, length);
}

/** The last segment of a storage path: the sender's name, made of characters every store takes. */
function objectName(index: number, filename: string): string {
	const safe = filename.normalize('NFKD').replace(/[^\w.\-]+/g, '_').replace(/^[._]+/, '').slice(-120) || 'adjunto';
	return `${index + 1}-${safe}`;
}

export interface Upload {
	stored: StoredFile[];
	/** Files the bucket does not take (an executable, an unknown type), and inline images past the ten a message may carry: named in the log, not stored. */
	skipped: string[];
}

/**
 * Uploads the files the bucket takes into `folder` (ending in '/'): the attached ones first, then inline
 * images while there is room for them (a message links at most ATTACHMENT_MAX_FILES; the screen has
 * refused a mail with more attached files than that).
 */
export async function uploadAttachments(db: SupabaseClient<Database>, folder: string, files: InboundAttachment[]): Promise<Upload> {
	const stored: StoredFile[] = [];
	const skipped: string[] = [];
	const ordered = [...files.entries()].sort(([i, a], [j, b]) => Number(a.inline) - Number(b.inline) || i - j);
	for (const [i, f] of ordered) {
		if (!isStorable(f) || stored.length >= ATTACHMENT_MAX_FILES) {
			skipped.push(f.filename);
			continue;
		}
		const path = folder + objectName(i, f.filename);
		const { error } = await db.storage.from('attachments').upload(path, f.content, { contentType: f.mimeType.toLowerCase(), upsert: true });
		if (error) throw new Error(`upload ${path}: ${error.message}`);
		stored.push({ storage_path: path, file_name: f.filename });
	}
	return { stored, skipped };
}
