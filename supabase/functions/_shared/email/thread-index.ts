// Thread-Index, the header Outlook and Exchange group a conversation by (its PidTagConversationIndex,
// [MS-OXOMSG] 2.2.1.3), which they use instead of References. It is base64 of
//   a 22-byte header block:  1 byte 0x01, then 5 bytes of a FILETIME (the 8-byte big-endian count of
//                            100 ns since 1601-01-01 UTC, its top byte — 0x01 for any date between
//                            1972 and 2057, which is the reserved 0x01 — and its two lowest bytes
//                            dropped: "the 6-byte FILETIME"), then a 16-byte GUID;
//   one 5-byte child block per reply: 1 bit DeltaCode, 31 bits of time since the header's time
//                            (bits 18–48 of the difference; bits 23–53 with DeltaCode 1 once it no
//                            longer fits), 4 bits random, 4 bits sequence.
// Every mail of a ticket must carry the same header block for Outlook to put them together, so ours is
// derived from the ticket alone and never changes: the FILETIME of the ticket's creation (when its
// first mail, the receipt, was queued) and the ticket's id as the GUID. Each notification then adds one
// child block: the time from the ticket's creation to the mail, and as "random" nibble the first
// nibble of the notification id — so a retried mail carries the very same Thread-Index.
// Pure module: runs in Deno, Node and the browser.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Milliseconds from 1601-01-01 to 1970-01-01. */
const EPOCH_1601_MS = 11_644_473_600_000n;

/** 100 ns intervals since 1601-01-01 UTC. */
function filetime(at: Date): bigint {
	return (BigInt(at.getTime()) + EPOCH_1601_MS) * 10_000n;
}

function uuidBytes(id: string): number[] {
	if (!UUID.test(id)) throw new Error(`not a UUID: ${id}`);
	const hex = id.replace(/-/g, '');
	return Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

function base64(bytes: number[]): string {
	return btoa(String.fromCharCode(...bytes));
}

/** The 22-byte header block of a ticket's conversation: its creation time and its id. */
export function threadIndexRoot(ticketId: string, ticketCreatedAt: Date): number[] {
	const ft = filetime(ticketCreatedAt);
	// Bytes 0..5 of the big-endian FILETIME (the reserved 0x01 is its top byte for present dates).
	const time = Array.from({ length: 6 }, (_, i) => Number((ft >> BigInt(56 - i * 8)) & 0xffn));
	return [...time, ...uuidBytes(ticketId)];
}

/** The 5-byte child block of a mail sent `at`, after the conversation began at `start`. */
function childBlock(start: Date, at: Date, notificationId: string): number[] {
	const delta = filetime(at) - filetime(start);
	const d = delta < 0n ? 0n : delta;
	// DeltaCode 0 while the difference fits in 49 bits (about 1.8 years), else 1 with coarser units.
	const fits = d < 1n << 49n;
	const time = fits ? (d >> 18n) & 0x7fff_ffffn : ((d >> 23n) & 0x7fff_ffffn) | 0x8000_0000n;
	const random = parseInt(notificationId.replace(/[^0-9a-f]/gi, '').charAt(0) || '0', 16);
	return [Number((time >> 24n) & 0xffn), Number((time >> 16n) & 0xffn), Number((time >> 8n) & 0xffn), Number(time & 0xffn), (random << 4) | 0];
}

/**
 * Thread-Index of one notification mail about a ticket: the ticket's header block (shared by every mail
 * of the ticket) and one child block for this mail.
 */
export function ticketThreadIndex(ticketId: string, ticketCreatedAt: Date, sentAt: Date, notificationId: string): string {
	return base64([...threadIndexRoot(ticketId, ticketCreatedAt), ...childBlock(ticketCreatedAt, sentAt, notificationId)]);
}

/** The header block a Thread-Index starts with (its conversation), as bytes; undefined when it is not one. */
export function threadIndexConversation(value: string): number[] | undefined {
	let bytes: number[];
	try {
		bytes = Array.from(atob(value.trim()), (c) => c.charCodeAt(0));
	} catch {
		return undefined;
	}
	if (bytes.length < 22 || (bytes.length - 22) % 5 !== 0) return undefined;
	return bytes.slice(0, 22);
}
