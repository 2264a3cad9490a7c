// Follows GoTrue v2.189 (utilities.GetReferrer / isRedirectURLValid): a redirect is allowed when its
// host is the site_url's host, or when it matches an additional_redirect_urls entry as a glob with
// '.' and '/' as separators ('*' within a segment, '**' across). Beyond GoTrue, an entry without
// wildcards also admits any path on its own origin (http://localhost:4321 → http://localhost:4321/cuenta),
// which is what the project's allow list means. Anything else falls back to site_url.
import type { StackConfig } from '../config.ts';

function globToRegExp(glob: string): RegExp {
	let re = '';
	for (let i = 0; i < glob.length; i++) {
		const c = glob[i];
		if (c === '*' && glob[i + 1] === '*') {
			re += '.*';
			i++;
		} else if (c === '*') re += '[^./]*';
		else if (c === '?') re += '[^./]';
		else re += c.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
	}
	return new RegExp(`^${re}$`);
}

function parse(u: string): URL | undefined {
	try {
		return new URL(u);
	} catch {
		return undefined;
	}
}

export function isRedirectAllowed(config: StackConfig, candidate: string): boolean {
	const target = parse(candidate);
	if (!target) return false;
	const site = parse(config.auth.siteUrl);
	if (site && site.hostname === target.hostname) return true;
	for (const entry of config.auth.redirectUrls) {
		if (globToRegExp(entry).test(candidate)) return true;
		const base = !/[*?]/.test(entry) && parse(entry);
		if (base && base.origin === target.origin) return true;
	}
	return false;
}

/** The redirect to use: the caller's (redirect_to, else Referer) when allowed, else site_url. */
export function redirectTarget(config: StackConfig, requested: string | null | undefined, referer?: string | null): string {
	for (const c of [requested, referer]) {
		if (c && isRedirectAllowed(config, c)) return c;
	}
	return config.auth.siteUrl;
}
