// Follows GoTrue v2.189 GET/PUT /user (internal/api/user.go) and POST /logout (logout.go). PUT merges
// `data` into user_metadata (a null value removes the key) and changes the password; changing the
// address or phone is not offered by the local stack.
import { json } from '../../http.ts';
import { badRequest, unprocessable } from '../errors.ts';
import { requireUser } from '../guard.ts';
import { endSessions } from '../sessions.ts';
import { inTransaction } from '../tx.ts';
import { findUserById, mergeMetadata, passwordMatches, setPassword, userJson } from '../users.ts';
import { checkPasswordStrength, metadata, readBody } from '../validate.ts';
import type { AuthCtx } from './context.ts';

export async function getUser(_req: Request, ctx: AuthCtx): Promise<Response> {
	const caller = await inTransaction(ctx.stack.admin, (tx) => requireUser(ctx, tx));
	return json(userJson(caller.user));
}

export async function updateUser(req: Request, ctx: AuthCtx): Promise<Response> {
	const body = await readBody(req);
	const user = await inTransaction(ctx.stack.admin, async (tx) => {
		const { user, sessionId } = await requireUser(ctx, tx);
		if (typeof body.email === 'string' && body.email.trim() && body.email.trim().toLowerCase() !== (user.email ?? '')) {
			throw unprocessable('email_change_not_supported', 'Changing the email address is not supported by the local stack');
		}
		if (typeof body.phone === 'string' && body.phone.trim() && body.phone.trim() !== (user.phone ?? '')) {
			throw unprocessable('phone_provider_disabled', 'Unsupported phone provider');
		}
		if (body.password !== undefined && body.password !== null) {
			if (typeof body.password !== 'string') throw badRequest('validation_failed', 'password must be a string');
			checkPasswordStrength(body.password, ctx.settings.minimumPasswordLength);
			if (await passwordMatches(tx, user.id, body.password)) throw unprocessable('same_password', 'New password should be different from the old password.');
			await setPassword(tx, user.id, body.password, sessionId);
		}
		const data = metadata(body.data, 'data');
		if (data) await mergeMetadata(tx, user.id, 'raw_user_meta_data', data);
		return (await findUserById(tx, user.id))!;
	});
	return json(userJson(user));
}

const SCOPES = ['global', 'local', 'others'] as const;

export async function logout(_req: Request, ctx: AuthCtx): Promise<Response> {
	const scope = (ctx.url.searchParams.get('scope') ?? 'global') as (typeof SCOPES)[number];
	if (!SCOPES.includes(scope)) throw badRequest('validation_failed', 'Unsupported logout scope');
	await inTransaction(ctx.stack.admin, async (tx) => {
		const { user, sessionId } = await requireUser(ctx, tx);
		await endSessions(tx, user.id, sessionId, scope);
	});
	return new Response(null, { status: 204 });
}
