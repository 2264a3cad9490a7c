// One description of an e-mail, written once, turned into both the plain-text part and the HTML part.
// Templates only ever hand over text: every string is escaped here, so user content (a ticket subject,
// a reply) can never become markup in the HTML part. Pure module: runs in Deno, Node and the browser.

/** A label and its value, shown as a small table in HTML and as "Label: value" lines in text. */
export type Fact = [label: string, value: string];

export type Block =
	| { kind: 'paragraph'; text: string }
	| { kind: 'facts'; facts: Fact[] }
	/** Someone else's words (a reply), kept with their line breaks and set apart. */
	| { kind: 'quote'; text: string };

export interface EmailContent {
	lang: 'es' | 'en';
	subject: string;
	greeting: string;
	blocks: Block[];
	action?: { label: string; url: string };
	/** Why the reader got this e-mail; small print at the end. */
	footer: string;
}

export interface RenderedEmail {
	subject: string;
	text: string;
	html: string;
}

export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Subjects are one header line: no line breaks (U+2028/9 and NEL too), no runs of spaces, no control characters. */
export function oneLine(s: string): string {
	return s.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim();
}

/** Text as the body of a paragraph: line breaks normalised, control characters dropped. */
function cleanText(s: string): string {
	return s
		.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
		.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

const escapeLines = (s: string) => escapeHtml(cleanText(s)).replace(/\n/g, '<br>');

function textBlock(b: Block): string {
	switch (b.kind) {
		case 'paragraph':
			return cleanText(b.text);
		case 'facts':
			return b.facts.map(([label, value]) => `${oneLine(label)}: ${oneLine(value)}`).join('\n');
		case 'quote':
			return cleanText(b.text)
				.split('\n')
				.map((line) => `> ${line}`)
				.join('\n');
	}
}

const CELL = 'padding:4px 12px 4px 0;vertical-align:top;text-align:left';

function htmlBlock(b: Block): string {
	switch (b.kind) {
		case 'paragraph':
			return `<p style="margin:0 0 16px">${escapeLines(b.text)}</p>`;
		case 'facts':
			return (
				`<table style="border-collapse:collapse;margin:0 0 16px">` +
				b.facts.map(([label, value]) => `<tr><th scope="row" style="${CELL};font-weight:600">${escapeHtml(oneLine(label))}</th><td style="${CELL}">${escapeHtml(oneLine(value))}</td></tr>`).join('') +
				`</table>`
			);
		case 'quote':
			return `<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #c8ccd4;color:#333">${escapeLines(b.text)}</blockquote>`;
	}
}

export function compose(c: EmailContent): RenderedEmail {
	const subject = oneLine(c.subject);
	const text = [
		cleanText(c.greeting),
		...c.blocks.map(textBlock),
		...(c.action ? [`${oneLine(c.action.label)}: ${c.action.url}`] : []),
		'--',
		cleanText(c.footer),
	].join('\n\n');
	const html =
		`<!doctype html><html lang="${c.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
		`<title>${escapeHtml(subject)}</title></head>` +
		`<body style="margin:0;padding:24px;background:#f5f6f8;font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1b1f24">` +
		`<div style="max-width:600px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px">` +
		`<p style="margin:0 0 16px">${escapeLines(c.greeting)}</p>` +
		c.blocks.map(htmlBlock).join('') +
		(c.action
			? `<p style="margin:24px 0"><a href="${escapeHtml(c.action.url)}" style="display:inline-block;padding:10px 18px;background:#1f5fbf;color:#ffffff;text-decoration:none;border-radius:6px">${escapeHtml(oneLine(c.action.label))}</a></p>` +
				`<p style="margin:0 0 16px;font-size:13px;color:#555">${escapeHtml(c.action.url)}</p>`
			: '') +
		`<hr style="border:0;border-top:1px solid #e1e4e8;margin:24px 0 16px">` +
		`<p style="margin:0;font-size:13px;color:#555">${escapeLines(c.footer)}</p>` +
		`</div></body></html>`;
	return { subject, text, html };
}
