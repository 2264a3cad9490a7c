// Internet Message Format for the SMTP provider, which hands the message to nodemailer as it is (so what
// customers receive does not change with the library): RFC 5322 headers, UTF-8 in headers as RFC 2047
// encoded-words, a multipart/alternative body (RFC 2046) with the text and HTML parts in
// quoted-printable (RFC 2045). The whole message is 7-bit ASCII with CRLF line ends and, but for a long
// message id, no line over 78 characters, so any server takes it, with or without 8BITMIME or SMTPUTF8.
import type { Mailbox } from './address.ts';

const encoder = new TextEncoder();

function base64(bytes: Uint8Array): string {
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary);
}

/** Printable ASCII that needs no encoding in an unstructured header. */
const PLAIN_HEADER = /^[\x20-\x7e]*$/;

/** UTF-8 bytes an encoded-word can hold when it may take `room` characters (`=?UTF-8?B?` and `?=` included). */
const bytesFor = (room: number) => Math.floor((room - 12) / 4) * 3;

/**
 * A header value as `=?UTF-8?B?…?=` words split on character boundaries, folded one word per line so
 * that no line passes 76 characters (RFC 2047 §2). Plain ASCII that fits on the line is left as it is.
 */
export function encodeHeaderValue(value: string, fieldName: string): string {
	const oneLine = value.replace(/[\r\n]+/g, ' ');
	const firstRoom = 76 - fieldName.length - 2;
	if (PLAIN_HEADER.test(oneLine) && !oneLine.includes('=?') && oneLine.length <= firstRoom) return oneLine;
	const words: string[] = [];
	let limit = bytesFor(firstRoom);
	let chunk: number[] = [];
	for (const ch of oneLine) {
		const bytes = encoder.encode(ch);
		if (chunk.length + bytes.length > limit) {
			words.push(`=?UTF-8?B?${base64(Uint8Array.from(chunk))}?=`);
			chunk = [];
			// Later words follow a folding space.
			limit = bytesFor(75);
		}
		chunk.push(...bytes);
	}
	words.push(`=?UTF-8?B?${base64(Uint8Array.from(chunk))}?=`);
	return words.join('\r\n ');
}

/**
 * A structured field (addresses, message ids, a base64 token): never encoded-words, which only
 * unstructured text and display names may use (RFC 2047 §5); folded at spaces to stay within 78
 * characters where it can be. Anything but printable ASCII is dropped: these values are ours.
 */
export function foldStructured(value: string, fieldName: string): string {
	const words = value.replace(/[^\x20-\x7e]+/g, ' ').trim().split(/ +/);
	const lines: string[] = [];
	let line = '';
	let room = 78 - fieldName.length - 2;
	for (const w of words) {
		if (line && line.length + 1 + w.length > room) {
			lines.push(line);
			line = w;
			room = 77;
		} else line = line ? `${line} ${w}` : w;
	}
	lines.push(line);
	return lines.join('\r\n ');
}

/** `"Name" <address>`, the name encoded when it is not plain ASCII; a bare address without a name. */
export function formatMailbox(m: Mailbox): string {
	if (!m.name) return `<${m.address}>`;
	const name = m.name.replace(/[\r\n]+/g, ' ');
	if (PLAIN_HEADER.test(name) && !name.includes('=?')) return `"${name.replace(/["\\]/g, '\\$&')}" <${m.address}>`;
	return `${encodeHeaderValue(name, 'From')}\r\n <${m.address}>`;
}

const hex = (b: number) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * Quoted-printable: line breaks become CRLF, bytes outside printable ASCII (and `=`) become =XX,
 * spaces and tabs at the end of a line are encoded so no transport strips them, and lines longer than
 * 76 characters get soft breaks (`=` at the end) that never split an =XX.
 */
export function quotedPrintable(text: string): string {
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	return lines
		.map((line) => {
			const bytes = encoder.encode(line);
			const tokens: string[] = [];
			bytes.forEach((b, i) => {
				const last = i === bytes.length - 1;
				if ((b === 0x20 || b === 0x09) && !last) tokens.push(String.fromCharCode(b));
				else if (b >= 0x21 && b <= 0x7e && b !== 0x3d) tokens.push(String.fromCharCode(b));
				else tokens.push(hex(b));
			});
			const out: string[] = [];
			let current = '';
			for (const t of tokens) {
				// 75 leaves room for the soft break's `=` within 76.
				if (current.length + t.length > 75) {
					out.push(`${current}=`);
					current = '';
				}
				current += t;
			}
			out.push(current);
			return out.join('\r\n');
		})
		.join('\r\n');
}

/** RFC 5322 date: "Sat, 21 Nov 2026 02:00:00 +0000". */
export function rfc5322Date(d: Date): string {
	return d.toUTCString().replace(/GMT$/, '+0000');
}

function randomToken(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(12));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface MessageInput {
	from: Mailbox;
	to: Mailbox;
	subject: string;
	text: string;
	html: string;
	/** Without angle brackets: `<id>@<domain>`. */
	messageId: string;
	date: Date;
	/** More structured header fields after Message-ID (Reply-To, In-Reply-To, References, Thread-Index). */
	headers?: [string, string][];
	/** RFC 3834: `auto-replied` for automatic answers to a received mail; `auto-generated` by default. */
	autoSubmitted?: 'auto-generated' | 'auto-replied';
	/** Fixed only in tests; random otherwise. */
	boundary?: string;
}

/**
 * The message with CRLF line ends, ready for dot-stuffing. The boundary starts with `=_`, which
 * quoted-printable never produces, so it cannot occur inside a part.
 */
export function buildMessage(m: MessageInput): string {
	const boundary = m.boundary ?? `=_mostrador_${randomToken()}`;
	const headers = [
		`From: ${formatMailbox(m.from)}`,
		`To: ${formatMailbox(m.to)}`,
		`Subject: ${encodeHeaderValue(m.subject, 'Subject')}`,
		`Date: ${rfc5322Date(m.date)}`,
		`Message-ID: <${m.messageId}>`,
		...(m.headers ?? []).map(([name, value]) => `${name}: ${foldStructured(value, name)}`),
		'MIME-Version: 1.0',
		// Tells well-behaved auto-responders not to answer (RFC 3834), and Exchange/Outlook to send no
		// out-of-office or other automatic reports.
		`Auto-Submitted: ${m.autoSubmitted ?? 'auto-generated'}`,
		'X-Auto-Response-Suppress: All',
		`Content-Type: multipart/alternative; boundary="${boundary}"`,
	];
	const part = (type: string, body: string) =>
		[`--${boundary}`, `Content-Type: ${type}; charset=UTF-8`, 'Content-Transfer-Encoding: quoted-printable', '', quotedPrintable(body)].join('\r\n');
	return [...headers, '', part('text/plain', m.text), part('text/html', m.html), `--${boundary}--`, ''].join('\r\n');
}

/**
 * DATA's payload: a `.` opening any line is doubled, and the message ends with CRLF . CRLF (RFC 5321
 * §4.5.2). nodemailer does this on the wire now; kept as the rule the unit tests state, and for any
 * code that writes DATA itself.
 */
export function dotStuff(message: string): string {
	const normalised = message.replace(/\r?\n/g, '\r\n');
	const stuffed = normalised.replace(/^\./, '..').replace(/\r\n\./g, '\r\n..');
	return `${stuffed}${stuffed.endsWith('\r\n') ? '' : '\r\n'}.\r\n`;
}
