// The draft a customer is writing, kept in localStorage as they type: a reload, a crash or a failed
// submission loses nothing. One draft per person and place (an article, or the new-ticket page), so a
// draft started on one article does not reappear with another article as its source. The idempotency
// key is chosen once per draft and kept across retries, so the tickets function never opens the same
// ticket twice; a successful submission clears the draft.
import type { TicketFields, UploadedAttachment } from './types.ts';

export interface Draft {
	fields: TicketFields;
	attachments: UploadedAttachment[];
	idempotencyKey: string;
	/** ISO instant of the last change. */
	savedAt: string;
}

const PREFIX = 'mostrador:ticket-draft:';

export function draftKey(userId: string, sourceArticle: string | undefined): string {
	return `${PREFIX}${userId}:${sourceArticle ?? 'nuevo'}`;
}

export function newIdempotencyKey(): string {
	return crypto.randomUUID();
}

function isDraft(value: unknown): value is Draft {
	const d = value as Draft;
	return (
		!!d &&
		typeof d === 'object' &&
		typeof d.idempotencyKey === 'string' &&
		d.idempotencyKey.length >= 8 &&
		!!d.fields &&
		typeof d.fields.subject === 'string' &&
		typeof d.fields.description === 'string' &&
		Array.isArray(d.attachments)
	);
}

export function loadDraft(key: string): Draft | null {
	try {
		const raw = localStorage.getItem(key);
		if (!raw) return null;
		const parsed: unknown = JSON.parse(raw);
		return isDraft(parsed) ? parsed : null;
	} catch {
		return null;
	}
}

export function saveDraft(key: string, draft: Draft): void {
	try {
		localStorage.setItem(key, JSON.stringify(draft));
	} catch {
		// Storage full or disabled (private mode): the form still works, only without a saved copy.
	}
}

export function clearDraft(key: string): void {
	try {
		localStorage.removeItem(key);
	} catch {
		// As above.
	}
}

/** Whether the draft holds anything the customer wrote (the prefilled defaults do not count). */
export function hasContent(fields: TicketFields, attachments: UploadedAttachment[]): boolean {
	return !!(fields.subject.trim() || fields.description.trim() || fields.steps.trim() || fields.impact.trim() || fields.affected_user.trim() || attachments.length);
}
