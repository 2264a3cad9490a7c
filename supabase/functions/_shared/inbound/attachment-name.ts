// The name an attachment gets in Mostrador. A sender chooses it, so it can hold directories ("../"),
// control characters, bidi overrides that disguise "gpj.exe" as "exe.jpg", or nothing at all.

const EXTENSIONS: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/gif': 'gif',
	'image/webp': 'webp',
	'application/pdf': 'pdf',
	'text/plain': 'txt',
	'text/csv': 'csv',
	'text/calendar': 'ics',
	'application/zip': 'zip',
	'application/json': 'json',
	'application/xml': 'xml',
	'message/rfc822': 'eml',
	'video/mp4': 'mp4',
	'video/webm': 'webm',
};

// Control characters, bidi controls (U+202A–U+202E, U+2066–U+2069, LRM/RLM/ALM) and other invisible format characters.
const UNSAFE = /[\p{Cc}\p{Cf}]/gu;
const MAX_LENGTH = 200;

/** A safe file name for the attachment at `index` (0-based), from the name the sender gave or its type. */
export function attachmentName(given: string | null | undefined, mimeType: string, index: number): string {
	const base = (given ?? '').split(/[\\/]/).pop()!.replace(UNSAFE, '').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
	const name = base || `adjunto-${index + 1}${EXTENSIONS[mimeType] ? `.${EXTENSIONS[mimeType]}` : ''}`;
	if (name.length <= MAX_LENGTH) return name;
	// Keep the extension when shortening: it tells the reader (and the browser) what the file is.
	const dot = name.lastIndexOf('.');
	const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
	return name.slice(0, MAX_LENGTH - ext.length) + ext;
}
