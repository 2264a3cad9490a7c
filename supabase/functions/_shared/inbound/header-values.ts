// Reading the few structured header values the inbound rules need: lists of message ids and the
// verdicts of Authentication-Results (RFC 8601). MIME structure and addresses are postal-mime's job;
// these are single header lines postal-mime hands over unprocessed.

/** Message ids of an In-Reply-To or References value, without brackets, in order. */
export function messageIds(value: string | null | undefined): string[] {
	if (!value) return [];
	const bracketed = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]);
	// Some clients write a bare id; take whitespace-separated words that look like one.
	const ids = bracketed.length > 0 ? bracketed : value.split(/[\s,]+/).filter((w) => /^[^<>\s@]+@[^<>\s@]+$/.test(w));
	return [...new Set(ids)];
}

/** One message id without brackets and surrounding space, or null when empty. */
export function bareMessageId(value: string | null | undefined): string | null {
	const id = value?.trim().replace(/^<|>$/g, '').trim();
	return id ? id : null;
}

/** RFC 5322 comments "(…)", nested ones too, removed; quoted strings are left alone. */
function stripComments(value: string): string {
	let out = '';
	let depth = 0;
	let quoted = false;
	for (let i = 0; i < value.length; i++) {
		const c = value[i];
		if (c === '\\' && i + 1 < value.length) {
			if (depth === 0) out += c + value[i + 1];
			i++;
		} else if (c === '"' && depth === 0) {
			quoted = !quoted;
			out += c;
		} else if (c === '(' && !quoted) depth++;
		else if (c === ')' && !quoted && depth > 0) depth--;
		else if (depth === 0) out += c;
	}
	return out;
}

export interface AuthVerdicts {
	authservId: string;
	spf?: string;
	dkim?: string;
	dmarc?: string;
}

// When one method has several results (two DKIM signatures), the best one counts: one valid
// signature is enough for DKIM to pass.
const RANK = ['pass', 'neutral', 'none', 'policy', 'temperror', 'permerror', 'softfail', 'fail'];
const better = (a: string | undefined, b: string): string => (a === undefined || RANK.indexOf(b) < RANK.indexOf(a) ? b : a);

/** The spf, dkim and dmarc results of one Authentication-Results value, lowercased. */
export function authenticationResults(value: string): AuthVerdicts {
	const [head, ...results] = stripComments(value).split(';');
	const out: AuthVerdicts = { authservId: head.trim().split(/\s+/)[0]?.toLowerCase() ?? '' };
	for (const r of results) {
		const m = /^\s*(spf|dkim|dmarc)\s*=\s*([a-z]+)/i.exec(r);
		if (!m) continue;
		const method = m[1].toLowerCase() as 'spf' | 'dkim' | 'dmarc';
		out[method] = better(out[method], m[2].toLowerCase());
	}
	return out;
}

/** The first token of a header value ("auto-replied; owner=…" → "auto-replied"), lowercased. */
export function headerToken(value: string | null | undefined): string | null {
	const t = value?.split(';')[0].trim().toLowerCase();
	return t ? t : null;
}

/** A parameter of a Content-Type value, e.g. report-type of multipart/report. */
export function contentTypeParam(value: string, name: string): string | null {
	const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
	const v = m ? (m[1] ?? m[2]) : null;
	return v ? v.toLowerCase() : null;
}
