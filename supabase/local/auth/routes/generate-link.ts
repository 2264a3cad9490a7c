// Follows GoTrue v2.189 POST /admin/generate_link (internal/api/mail.go adminGenerateLink): the link and
// code an e-mail would carry, returned to the service role instead of mailed. The user fields come at
// top level beside action_link, email_otp, hashed_token, verification_type and redirect_to.
import { json } from '../../http.ts';
import { badRequest, notFound, unprocessable } from '../errors.ts';
import { requireAdmin } from '../guard.ts';
import { confirmationUrl } from '../mailer.ts';
import { issueOtp, TOKEN_TYPE, type EmailVerification } from '../otp.ts';
import { redirectTarget } from '../redirect.ts';
import { inTransaction } from '../tx.ts';
import { createUser, findUserByEmail, findUserById, mergeMetadata, setPassword, userJson, type UserRow } from '../users.ts';
import { checkPasswordStrength, metadata, readBody, validateEmail } from '../validate.ts';
import type { AuthCtx } from './context.ts';

const TYPES = ['signup', 'invite', 'magiclink', 'recovery'] as const;

export async function generateLink(req: Request, ctx: AuthCtx): Promise<Response> {
	await requireAdmin(ctx);
	const { config } = ctx.stack;
	const body = await readBody(req);
	const type = body.type as (typeof TYPES)[number];
	if (!TYPES.includes(type)) {
		if (body.type === 'email_change_current' || body.type === 'email_change_new') throw unprocessable('validation_failed', 'Email change links are not supported by the local stack');
		throw badRequest('validation_failed', 'Invalid email action link type requested');
	}
	const email = validateEmail(body.email);
	const data = metadata(body.data, 'data') ?? {};
	const redirectTo = redirectTarget(config, body.redirect_to ?? ctx.url.searchParams.get('redirect_to'), req.headers.get('referer'));
	if (type === 'signup') {
		if (typeof body.password !== 'string' || !body.password) throw unprocessable('validation_failed', 'Signup requires a valid password');
		checkPasswordStrength(body.password, ctx.settings.minimumPasswordLength);
	}

	const result = await inTransaction(ctx.stack.admin, async (tx) => {
		let user: UserRow | undefined = await findUserByEmail(tx, email);
		let verification: EmailVerification = type;
		if (type === 'recovery') {
			if (!user) throw notFound('user_not_found', 'User with this email not found');
		} else if (type === 'magiclink') {
			if (!user) {
				user = await createUser(tx, { email, userMetadata: data });
				verification = 'signup';
			}
		} else {
			if (user?.email_confirmed_at) throw unprocessable('email_exists', 'A user with this email address has already been registered');
			if (!user) user = await createUser(tx, { email, password: type === 'signup' ? body.password : undefined, userMetadata: data });
			else {
				if (type === 'signup') await setPassword(tx, user.id, body.password);
				await mergeMetadata(tx, user.id, 'raw_user_meta_data', data);
			}
			if (type === 'invite') await tx.query(`update auth.users set invited_at = now() where id = $1`, [user.id]);
		}
		const { otp, hash } = await issueOtp(tx, user, TOKEN_TYPE[verification], config.auth.otpLength);
		return { user: (await findUserById(tx, user.id))!, verification, otp, hash };
	});
	return json({
		...userJson(result.user),
		action_link: confirmationUrl(config.apiUrl, result.hash, result.verification, redirectTo),
		email_otp: result.otp,
		hashed_token: result.hash,
		verification_type: result.verification,
		redirect_to: redirectTo,
	});
}
