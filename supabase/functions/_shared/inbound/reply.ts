// The new words of an answer: what the customer wrote above (or between) the quoted history, without
// the history, the quote headers and the signature. email-reply-parser does the general work ('>'
// quotes, "-- " signatures, "Sent from my iPhone", many languages' "On … wrote:"); this module first
// removes what it misses or gets wrong for our customers' clients in Spanish and English:
// - Outlook's header block ("De: … Enviado: … Para: … Asunto: …", "From: … Sent: …") and its
//   "-----Mensaje original-----" / "-----Original Message-----" / underscore separators, which quote
//   the history *without* '>' marks, so everything below them goes;
// - Gmail, Apple Mail and Thunderbird attributions ("El lun, 7 dic 2026 a las 10:00, … escribió:",
//   "On Mon, Dec 7, 2026 at 10:00 AM … wrote:"), which Gmail wraps over several lines. When the
//   history below is '>'-quoted only the attribution goes (the parser hides the quote and keeps an
//   answer written below or between it); when it is not (an HTML mail turned into text loses the
//   marks), everything below goes.
import EmailReplyParser from 'email-reply-parser';

// "On … wrote:" / "El … escribió:" with a time in it (every client writes one: "a las 10:00",
// "at 10:00 AM"), so that a sentence of the customer's own ("El 5 de diciembre el técnico escribió:")
// is not taken for one.
const ATTRIBUTION = /^(?:>\s*)*(?:On|El)\s(?=.*\b\d{1,2}:\d{2}\b).*\b(?:wrote|escribi[óo])\s*:\s*$/i;
// The lines of Outlook's header block, plain or bold ("*De:*") as HTML-to-text renders it.
const OUTLOOK_FROM = /^\*?(?:De|From)\*?\s*:\s*\S/i;
const OUTLOOK_FIELD = /^\*?(?:Enviado(?: el)?|Sent|Fecha|Date|Para|To|CC|CCO|Asunto|Subject|Importancia|Importance)\*?\s*:/i;
const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(?:Mensaje original|Original Message)\s*-{2,}\s*$/i;
// Outlook's reply separator (32 underscores) and what <hr> becomes in text (postal-mime writes 13 dashes).
const SEPARATOR = /^\s*(?:_{20,}|-{10,})\s*$/;
// Signature lines email-reply-parser does not know in Spanish.
const SIGNATURE = /^(?:Obtener|Descargar) Outlook para\b/i;

const isQuoted = (line: string): boolean => /^\s*>/.test(line);

/** The index of the last line of an attribution starting at `i` (Gmail wraps it over up to three lines), or -1. */
function attributionEnd(lines: string[], i: number): number {
	if (lines[i].length > 400 || !/^(?:>\s*)*(?:On|El)\s/i.test(lines[i])) return -1;
	let joined = '';
	for (let j = i; j < Math.min(lines.length, i + 3); j++) {
		if (j > i && lines[j].trim() === '') return -1;
		joined = j === i ? lines[j] : `${joined} ${lines[j].replace(/^(?:>\s*)*/, '')}`;
		if (joined.length > 400) return -1;
		if (ATTRIBUTION.test(joined)) return j;
	}
	return -1;
}

function isOutlookBlock(lines: string[], i: number): boolean {
	if (i >= lines.length || !OUTLOOK_FROM.test(lines[i])) return false;
	let fields = 0;
	for (let j = i + 1; j < Math.min(lines.length, i + 7); j++) if (OUTLOOK_FIELD.test(lines[j])) fields++;
	return fields >= 2;
}

/** The lines without the quote headers this module knows, cut where the unmarked history starts. */
function removeQuoteHeaders(lines: string[]): string[] {
	const out: string[] = [];
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		if (ORIGINAL_MESSAGE.test(line) || SIGNATURE.test(line.trim()) || isOutlookBlock(lines, i)) break;
		// Outlook's 32 underscores end the answer by themselves; a dashed rule only when a header block follows.
		if (/^\s*_{30,}\s*$/.test(line) || (SEPARATOR.test(line) && isOutlookBlock(lines, nextFilled(lines, i + 1)))) break;
		const end = attributionEnd(lines, i);
		if (end >= 0) {
			const next = nextFilled(lines, end + 1);
			if (next < lines.length && isQuoted(lines[next])) {
				i = end;
				continue;
			}
			break;
		}
		out.push(line);
	}
	return out;
}

function nextFilled(lines: string[], from: number): number {
	let i = from;
	while (i < lines.length && lines[i].trim() === '') i++;
	return i;
}

/**
 * How much of the text (after the quote headers above are cut) email-reply-parser reads. Some of its
 * patterns take time quadratic in the number of lines that start like a quote header of some
 * language ("etc. …" lines: seconds for 200 kB), and a mail body is anyone's to write. An answer is
 * stored with at most 20,000 characters (ticket_messages.body), so what lies beyond this is history
 * or cannot be kept anyway.
 */
export const REPLY_SCAN_CHARS = 50_000;

/** The new words only: quoted history, quote headers and signature stripped; "" when nothing else is left. */
export function visibleReply(text: string): string {
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	let kept = removeQuoteHeaders(lines).join('\n');
	if (kept.length > REPLY_SCAN_CHARS) kept = kept.slice(0, kept.lastIndexOf('\n', REPLY_SCAN_CHARS) + 1 || REPLY_SCAN_CHARS);
	// The visible fragments one by one rather than getVisibleText(), which glues an answer written
	// between two quotes to the next with a single line break: they are separate paragraphs.
	return new EmailReplyParser()
		.read(kept)
		.getFragments()
		.filter((f) => !f.isHidden())
		.map((f) => f.getContent().replace(/[^\S\n]+$/gm, '').replace(/^\n+/, '').replace(/\s+$/, ''))
		.filter((f) => f !== '')
		.join('\n\n');
}
