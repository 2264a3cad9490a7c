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
