// Follows GoTrue v2.189 POST /token (internal/api/token.go, token_refresh.go): grant_type=password
// and grant_type=refresh_token. Unknown and wrong credentials answer alike (400 invalid_credentials).
import { json } from '../../http.ts';
import { AuthError, badRequest } from '../errors.ts';
import { issueSession, refreshSession } from '../sessions.ts';
import { inTransaction } from '../tx.ts';
import { findUserByEmail, isBanned, passwordMatches } from '../users.ts';
import { readBody } from '../validate.ts';
import { clientInfo, type AuthCtx } from './context.ts';

const invalidCredentials = () => badRequest('invalid_credentials', 'Invalid login credentials');

export async function token(req: Request, ctx: AuthCtx): Promise<Response> {
	const { config } = ctx.stack;
	const grant = ctx.url.searchParams.get('grant_type');
	const body = await readBody(req);
	if (grant === 'password') {
		if (body.email && body.phone) throw badRequest('validation_failed', 'Only an email address or phone number should be provided on login.');
		const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
		const password = typeof body.password === 'string' ? body.password : '';
		const session = await inTransaction(ctx.stack.admin, async (tx) => {
			const user = email ? await findUserByEmail(tx, email) : undefined;
			if (!user) throw invalidCredentials();
			if (isBanned(user)) throw badRequest('user_banned', 'User is banned');
			if (!password || !(await passwordMatches(tx, user.id, password))) throw invalidCredentials();
			if (!user.email_confirmed_at) throw badRequest('email_not_confirmed', 'Email not confirmed');
			return issueSession(tx, config, user, 'password', clientInfo(req));
		});
		return json(session);
	}
	if (grant === 'refresh_token') {
		const refreshToken = typeof body.refresh_token === 'string' ? body.refresh_token : '';
		const result = await inTransaction(ctx.stack.admin, (tx) => refreshSession(tx, config, refreshToken));
		if (result instanceof AuthError) throw result;
		return json(result);
	}
	throw badRequest('invalid_credentials', 'unsupported_grant_type');
}
