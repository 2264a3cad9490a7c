// E-mail addresses and "Name <address>" mailboxes as the providers need them. Deliberately strict:
// an address that could smuggle a header or an SMTP command (spaces, line breaks, angle brackets) is
// refused, not repaired.

const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isEmailAddress(s: string): boolean {
	return s.length <= 254 && ADDRESS.test(s) && !s.startsWith('.') && !s.includes('..') && !s.split('@')[0].endsWith('.');
}

export interface Mailbox {
	name?: string;
	address: string;
}

/** "Mostrador <soporte@example.com>", "\"Soporte, Mostrador\" <soporte@example.com>" or a bare address. */
export function parseMailbox(value: string): Mailbox | undefined {
	const v = value.trim();
	const m = /^(.*?)\s*<([^<>]+)>$/.exec(v);
	const address = (m ? m[2] : v).trim();
	if (!isEmailAddress(address)) return undefined;
	let name = m?.[1].trim();
	if (name && /^".*"$/.test(name)) name = name.slice(1, -1).replace(/\\(.)/g, '$1');
	if (name && /[\r\n]/.test(name)) return undefined;
	return name ? { name, address } : { address };
}

export function domainOf(address: string): string {
	return address.slice(address.lastIndexOf('@') + 1);
}

/** The sender of one mail: the configured address, under the mail's own name when it has one (the site's). */
export function senderOf(configured: Mailbox, fromName?: string): Mailbox {
	const name = fromName?.replace(/[\r\n]+/g, ' ').trim() || configured.name;
	return name ? { name, address: configured.address } : { address: configured.address };
}

/** "Name <address>" as text (JSON APIs, the local mailbox): the name quoted when RFC 5322 needs it. */
export function mailboxText(m: Mailbox): string {
	// A header is one line: a name that came from a profile may hold anything.
	const clean = m.name?.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
	if (!clean) return m.address;
	const name = /[()<>[\]:;@\\,."]/.test(clean) ? `"${clean.replace(/["\\]/g, '\\$&')}"` : clean;
	return `${name} <${m.address}>`;
}
