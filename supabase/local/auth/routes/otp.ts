// Follows GoTrue v2.189 POST /otp and /magiclink (internal/api/otp.go, magic_link.go) and POST /recover
// (recover.go): one e-mail carrying both the link and the code. An unknown or unconfirmed address is
// signed up first when create_user allows (with autoconfirm it then gets a magic link, without it a
// signup confirmation); /recover answers 200 {} for unknown addresses too.
import { randomBytes } from 'node:crypto';
import { json } from '../../http.ts';
import { badRequest, unprocessable } from '../errors.ts';
import { sendAuthMail, type AuthMail } from '../mailer.ts';
import { assertSendAllowed, issueOtp } from '../otp.ts';
import { redirectTarget } from '../redirect.ts';
import { inTransaction } from '../tx.ts';
import { confirmEmail, createUser, findUserByEmail, findUserById } from '../users.ts';
import { metadata, readBody, validateEmail } from '../validate.ts';
import type { AuthCtx } from './context.ts';

export async function otp(req: Request, ctx: AuthCtx): Promise<Response> {
	const { config } = ctx.stack;
	const body = await readBody(req);
	// otp.go SmsOtp: 400 (not 422) when the phone provider is off.
	if (!body.email && body.phone) throw badRequest('phone_provider_disabled', 'Unsupported phone provider');
	const email = validateEmail(body.email);
	const data = metadata(body.data, 'data') ?? {};
	const createUserAllowed = body.create_user !== false;
	const redirectTo = redirectTarget(config, ctx.url.searchParams.get('redirect_to'), req.headers.get('referer'));

	const mail = await inTransaction(ctx.stack.admin, async (tx): Promise<AuthMail> => {
		let user = await findUserByEmail(tx, email);
		if (!user || !user.email_confirmed_at) {
			if (!createUserAllowed) throw unprocessable('otp_disabled', 'Signups not allowed for otp');
			if (!config.auth.enableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
			if (!user) {
				// GoTrue signs the address up with a random password nobody knows.
				user = await createUser(tx, { email, password: randomBytes(32).toString('base64url'), userMetadata: data, identityData: data, confirmed: config.auth.autoconfirm });
			} else if (config.auth.autoconfirm) {
				await confirmEmail(tx, user.id);
				user = (await findUserById(tx, user.id))!;
			}
			if (!config.auth.autoconfirm) {
				assertSendAllowed(user, 'confirmation_token', config.auth.maxFrequency);
				const issued = await issueOtp(tx, user, 'confirmation_token', config.auth.otpLength);
				return { type: 'signup', to: email, ...issued, redirectTo, data };
			}
		}
		assertSendAllowed(user, 'recovery_token', config.auth.maxFrequency);
		const issued = await issueOtp(tx, user, 'recovery_token', config.auth.otpLength);
		return { type: 'magiclink', to: email, ...issued, redirectTo, data };
	});
	await sendAuthMail(ctx.stack, ctx.settings, mail);
	return json({});
}

export async function recover(req: Request, ctx: AuthCtx): Promise<Response> {
	const { config } = ctx.stack;
	const body = await readBody(req);
	const email = validateEmail(body.email);
	const redirectTo = redirectTarget(config, ctx.url.searchParams.get('redirect_to'), req.headers.get('referer'));
	const mail = await inTransaction(ctx.stack.admin, async (tx): Promise<AuthMail | undefined> => {
		const user = await findUserByEmail(tx, email);
		if (!user) return undefined;
		assertSendAllowed(user, 'recovery_token', config.auth.maxFrequency);
		const issued = await issueOtp(tx, user, 'recovery_token', config.auth.otpLength);
		return { type: 'recovery', to: email, ...issued, redirectTo };
	});
	if (mail) await sendAuthMail(ctx.stack, ctx.settings, mail);
	return json({});
}
