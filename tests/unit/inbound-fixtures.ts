// The raw messages under tests/fixtures/mail and small edits of their header block, shared by the
// inbound-*.test.ts files. The fixtures use LF line ends (as git keeps them); tests that care about
// CRLF, as SMTP delivers it, convert.
import { readFileSync } from 'node:fs';
import { supportAddress } from '#shared/email/addresses.ts';

export const support = supportAddress('soporte@demo.mostrador.test');
export const TICKET = '6f1c2d4e-8a9b-4c3d-9e2f-1a2b3c4d5e6f';
export const TOKEN = '9f3b2c1d4e5a6b7c8d9e0f1a2b3c4d5e';
export const NOTIFICATION = 'a3c5e7f9-1b2d-4f6a-8c0e-2d4f6a8c0e1b';

export type Fixture =
	| 'gmail-reply'
	| 'outlook-html-reply'
	| 'apple-new-attachments'
	| 'bounce'
	| 'outlook-out-of-office'
	| 'mailing-list'
	| 'spoofed'
	| 'too-many-attachments';

export function fixture(name: Fixture): string {
	return readFileSync(new URL(`../fixtures/mail/${name}.eml`, import.meta.url), 'utf8');
}

/**
 * The message with header fields removed (by name, folded lines included) and others added on top.
 * Only the top-level header block is touched.
 */
export function editHeaders(raw: string, edit: { remove?: string[]; add?: string[] }): string {
	const end = raw.indexOf('\n\n');
	const lines = raw.slice(0, end).split('\n');
	const remove = new Set((edit.remove ?? []).map((n) => n.toLowerCase()));
	const kept: string[] = [];
	let dropping = false;
	for (const line of lines) {
		if (/^[ \t]/.test(line)) {
			if (!dropping) kept.push(line);
			continue;
		}
		dropping = remove.has(line.slice(0, line.indexOf(':')).trim().toLowerCase());
		if (!dropping) kept.push(line);
	}
	return [...(edit.add ?? []), ...kept].join('\n') + raw.slice(end);
}
