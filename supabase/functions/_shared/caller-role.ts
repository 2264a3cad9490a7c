// Who is calling an edge function. With verify_jwt on (config.toml), the platform has already checked
// the token's signature before the request gets here; what it does not check is the role, which the
// scheduled functions (notify, sla-sweep, reports) require to be the service role (the cron job's key).

/** The `role` claim of the bearer token, or undefined when there is no readable JWT. */
export function callerRole(authorization: string | null): string | undefined {
	const m = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(authorization?.trim() ?? '');
	if (!m) return undefined;
	try {
		const json = atob(m[2].replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(m[2].length / 4) * 4, '='));
		const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
		return typeof claims?.role === 'string' ? claims.role : undefined;
	} catch {
		return undefined;
	}
}
