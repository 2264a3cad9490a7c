// Follows GoTrue v2.189 POST /signup (internal/api/signup.go): with autoconfirm the user is created
// confirmed and signed in (200 session); otherwise a confirmation mail with link and code goes out and
// the user comes back without a session. A confirmed address is 422 user_already_exists with
// autoconfirm, and without it a look-alike user and no mail, so sign-up cannot probe for accounts.
import { randomUUID } from 'node:crypto';
import { json } from '../../http.ts';
import { badRequest, unprocessable } from '../errors.ts';
import { sendAuthMail, type AuthMail } from '../mailer.ts';
import { assertSendAllowed, issueOtp } from '../otp.ts';
import { redirectTarget } from '../redirect.ts';
import { issueSession, type SessionJson } from '../sessions.ts';
import { inTransaction } from '../tx.ts';
import { confirmEmail, createUser, findUserByEmail, findUserById, mergeMetadata, setPassword, userJson } from '../users.ts';
import { checkPasswordStrength, metadata, readBody, validateEmail } from '../validate.ts';
import { clientInfo, type AuthCtx } from './context.ts';

/** GoTrue's sanitised stand-in for an existing confirmed user (anti-enumeration). */
function lookAlikeUser(email: string): Record<string, unknown> {
	const now = new Date().toISOString();
	return {
		id: randomUUID(),
		aud: 'authenticated',
		role: '',
		email,
		phone: '',
		confirmation_sent_at: now,
		app_metadata: { provider: 'email', providers: ['email'] },
		user_metadata: {},
		identities: [],
		created_at: now,
		updated_at: now,
		is_anonymous: false,
	};
}

export async function signup(req: Request, ctx: AuthCtx): Promise<Response> {
	const { config } = ctx.stack;
	const body = await readBody(req);
	if (!config.auth.enableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
	if (!body.email && !body.phone) throw unprocessable('anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
	// signup.go: 400 (not 422) when the phone provider is off.
	if (!body.email) throw badRequest('phone_provider_disabled', 'Phone signups are disabled');
	const email = validateEmail(body.email);
	if (typeof body.password !== 'string' || !body.password) throw unprocessable('validation_failed', 'Signup requires a valid password');
	checkPasswordStrength(body.password, ctx.settings.minimumPasswordLength);
	const data = metadata(body.data, 'data') ?? {};
	const redirectTo = redirectTarget(config, ctx.url.searchParams.get('redirect_to'), req.headers.get('referer'));

	const out = await inTransaction(ctx.stack.admin, async (tx): Promise<{ body: SessionJson | Record<string, unknown>; mail?: AuthMail }> => {
		let user = await findUserByEmail(tx, email);
		if (user?.email_confirmed_at) {
			if (config.auth.autoconfirm) throw unprocessable('user_already_exists', 'User already registered');
			return { body: lookAlikeUser(email) };
		}
		if (user) {
			// An unconfirmed sign-up may be repeated: the newest password and data win.
			await setPassword(tx, user.id, body.password);
			await mergeMetadata(tx, user.id, 'raw_user_meta_data', data);
			if (config.auth.autoconfirm) await confirmEmail(tx, user.id);
			user = (await findUserById(tx, user.id))!;
		} else {
			user = await createUser(tx, { email, password: body.password, userMetadata: data, identityData: data, confirmed: config.auth.autoconfirm });
		}
		if (config.auth.autoconfirm) return { body: await issueSession(tx, config, user, 'password', clientInfo(req)) };
		assertSendAllowed(user, 'confirmation_token', config.auth.maxFrequency);
		const { otp, hash } = await issueOtp(tx, user, 'confirmation_token', config.auth.otpLength);
		return { body: userJson((await findUserById(tx, user.id))!), mail: { type: 'signup', to: email, otp, hash, redirectTo, data } };
	});
	if (out.mail) await sendAuthMail(ctx.stack, ctx.settings, out.mail);
	return json(out.body);
}
