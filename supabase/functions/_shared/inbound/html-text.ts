// An HTML-only mail (Outlook sends some, many web forms and phones too) still needs a text body:
// the ticket stores text, and the quote stripping works on text. postal-mime has a hardened
// HTML-to-text converter (block elements, entities, scripts and styles dropped, safe against
// catastrophic backtracking) but exports it only through parsing: it converts an HTML part when the
// message also has a text part. So the HTML is handed to it again beside an empty text part.
import PostalMime from 'postal-mime';

const encoder = new TextEncoder();

function base64(bytes: Uint8Array): string {
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	// Lines of 76 characters, as RFC 2045 asks.
	return btoa(binary).replace(/.{76}/g, '$&\r\n');
}

/** The text of an HTML body, with paragraphs and line breaks kept and no markup. */
export async function htmlToText(html: string): Promise<string> {
	const boundary = '=_mostrador_html_to_text';
	const raw = [
		`Content-Type: multipart/mixed; boundary="${boundary}"`,
		'',
		`--${boundary}`,
		'Content-Type: text/plain; charset=utf-8',
		'',
		'',
		`--${boundary}`,
		'Content-Type: text/html; charset=utf-8',
		'Content-Transfer-Encoding: base64',
		'',
		base64(encoder.encode(html)),
		`--${boundary}--`,
		'',
	].join('\r\n');
	const email = await PostalMime.parse(raw);
	// Word-made HTML (Outlook) writes every line as a paragraph and empty ones as "&nbsp;": in text,
	// more than one blank line in a row is only noise.
	return tidy(email.text ?? '').replace(/\n{3,}/g, '\n\n');
}

/** Line ends normalised, trailing whitespace (no-break spaces too) and the blank lines around the text removed. */
export function tidy(text: string): string {
	return text
		.replace(/\r\n?/g, '\n')
		.replace(/[^\S\n]+$/gm, '')
		.replace(/^\n+/, '')
		.replace(/\s+$/, '');
}
