// Follows GoTrue v2.189 /admin/users (internal/api/admin.go): service role only (401 no_authorization
// without a bearer, 403 not_admin otherwise); users listed newest first with X-Total-Count and Link
// paging headers; no e-mail is ever sent from here.
import { json } from '../../http.ts';
import { AuthError, badRequest, notFound, unprocessable } from '../errors.ts';
import { requireAdmin } from '../guard.ts';
import { inTransaction, type Tx } from '../tx.ts';
import { confirmEmail, createUser, findUserByEmail, findUserById, listUsers, mergeMetadata, setPassword, userJson, type UserRow } from '../users.ts';
import { checkPasswordStrength, isUuid, metadata, readBody, validateEmail } from '../validate.ts';
import type { AuthCtx } from './context.ts';

const GO_DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1e3, m: 6e4, h: 3.6e6 };

/** ban_duration as GoTrue reads it: "none" lifts a ban, else a Go duration such as "24h" or "1h30m". */
export function banUntil(value: unknown, now = Date.now()): Date | null | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (value === 'none') return null;
	if (typeof value !== 'string' || !GO_DURATION.test(value)) throw badRequest('validation_failed', `invalid format for ban duration: ${String(value)}`);
	let ms = 0;
	for (const [, n, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) ms += Number(n) * UNIT_MS[unit];
	return new Date(now + ms);
}

async function loadUser(tx: Tx, id: string): Promise<UserRow> {
	if (!isUuid(id)) throw notFound('validation_failed', 'user_id must be an UUID');
	const user = await findUserById(tx, id, { forUpdate: true });
	if (!user) throw notFound('user_not_found', 'User not found');
	return user;
}

function role(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string') throw badRequest('validation_failed', 'role must be a string');
	return value;
}

export async function createUserAdmin(req: Request, ctx: AuthCtx): Promise<Response> {
	await requireAdmin(ctx);
	const body = await readBody(req);
	if (!body.email && !body.phone) throw badRequest('validation_failed', 'Cannot create a user without either an email or phone');
	if (!body.email) throw unprocessable('phone_provider_disabled', 'Unsupported phone provider');
	const email = validateEmail(body.email);
	if (body.password !== undefined && body.password !== null) {
		if (typeof body.password !== 'string') throw badRequest('validation_failed', 'password must be a string');
		checkPasswordStrength(body.password, ctx.settings.minimumPasswordLength);
	}
	if (body.id !== undefined && !isUuid(body.id)) throw badRequest('validation_failed', 'id must be a UUID');
	const bannedUntil = banUntil(body.ban_duration);
	const user = await inTransaction(ctx.stack.admin, async (tx) => {
		if (await findUserByEmail(tx, email)) throw unprocessable('email_exists', 'A user with this email address has already been registered');
		const created = await createUser(tx, {
			id: body.id,
			email,
			password: body.password ?? undefined,
			userMetadata: metadata(body.user_metadata, 'user_metadata'),
			appMetadata: metadata(body.app_metadata, 'app_metadata'),
			role: role(body.role),
			confirmed: body.email_confirm === true,
		});
		if (bannedUntil) await tx.query('update auth.users set banned_until = $2 where id = $1', [created.id, bannedUntil]);
		return (await findUserById(tx, created.id))!;
	});
	return json(userJson(user));
}

const MAX_UINT64 = 2n ** 64n - 1n;

/**
 * page / per_page as GoTrue's paginate() reads them (internal/api/pagination.go): strconv.ParseUint
 * base 10, so a sign, a fraction or anything not a digit is refused, and so is a value past 2^64 - 1,
 * each with 400 validation_failed "Bad Pagination Parameters: <the Go error>". 0 is accepted (pop's
 * paginator then uses page 1 / 20 per page); there is no upper bound on per_page.
 */
export function paginationParam(raw: string | null, fallback: number, belowOne: number): number {
	if (raw === null || raw === '') return fallback;
	const goError = (why: string) => badRequest('validation_failed', `Bad Pagination Parameters: strconv.ParseUint: parsing ${JSON.stringify(raw)}: ${why}`);
	if (!/^[0-9]+$/.test(raw)) throw goError('invalid syntax');
	if (BigInt(raw) > MAX_UINT64) throw goError('value out of range');
	const n = Number(raw);
	// pop.Paginate: page < 1 → 1, per_page < 1 → 20. Beyond what PostgreSQL's LIMIT/OFFSET take, nobody has that many users.
	if (n < 1) return belowOne;
	return Math.min(n, 2 ** 31);
}

export async function listUsersAdmin(_req: Request, ctx: AuthCtx): Promise<Response> {
	await requireAdmin(ctx);
	const q = ctx.url.searchParams;
	const page = paginationParam(q.get('page'), 1, 1);
	const perPage = paginationParam(q.get('per_page'), 50, 20);
	const { users, total } = await inTransaction(ctx.stack.admin, (tx) => listUsers(tx, page, perPage));
	// GoTrue's addPaginationHeaders: next (when there is one) and last, on the request's own path.
	const totalPages = Math.ceil(total / perPage);
	const link = (p: number) => {
		const params = new URLSearchParams(q);
		params.set('page', String(p));
		params.set('per_page', String(perPage));
		params.sort();
		return `</admin/users?${params}>`;
	};
	const links = [...(totalPages > page ? [`${link(page + 1)}; rel="next"`] : []), `${link(totalPages)}; rel="last"`];
	return json({ users: users.map(userJson), aud: 'authenticated' }, 200, { 'x-total-count': String(total), link: links.join(', ') });
}

export async function getUserAdmin(_req: Request, ctx: AuthCtx, id: string): Promise<Response> {
	await requireAdmin(ctx);
	const user = await inTransaction(ctx.stack.admin, (tx) => loadUser(tx, id));
	return json(userJson(user));
}

export async function updateUserAdmin(req: Request, ctx: AuthCtx, id: string): Promise<Response> {
	await requireAdmin(ctx);
	const body = await readBody(req);
	const bannedUntil = banUntil(body.ban_duration);
	const user = await inTransaction(ctx.stack.admin, async (tx) => {
		const user = await loadUser(tx, id);
		if (body.email !== undefined && body.email !== null) {
			const email = validateEmail(body.email);
			if (email !== user.email) {
				const other = await findUserByEmail(tx, email);
				if (other) throw unprocessable('email_exists', 'A user with this email address has already been registered');
				await tx.query(`update auth.users set email = $2, updated_at = now() where id = $1`, [user.id, email]);
				await tx.query(`update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text), updated_at = now() where user_id = $1 and provider = 'email'`, [user.id, email]);
			}
		}
		if (body.password !== undefined && body.password !== null) {
			if (typeof body.password !== 'string') throw badRequest('validation_failed', 'password must be a string');
			checkPasswordStrength(body.password, ctx.settings.minimumPasswordLength);
			await setPassword(tx, user.id, body.password);
		}
		if (body.email_confirm === true) await confirmEmail(tx, user.id);
		const userMeta = metadata(body.user_metadata, 'user_metadata');
		if (userMeta) await mergeMetadata(tx, user.id, 'raw_user_meta_data', userMeta);
		const appMeta = metadata(body.app_metadata, 'app_metadata');
		if (appMeta) await mergeMetadata(tx, user.id, 'raw_app_meta_data', appMeta);
		const newRole = role(body.role);
		if (newRole) await tx.query(`update auth.users set role = $2, updated_at = now() where id = $1`, [user.id, newRole]);
		if (bannedUntil !== undefined) await tx.query(`update auth.users set banned_until = $2, updated_at = now() where id = $1`, [user.id, bannedUntil]);
		return (await findUserById(tx, user.id))!;
	});
	return json(userJson(user));
}

/** Hard delete cascades to identities, sessions, tokens and the project's rows; soft delete keeps an anonymised row. */
export async function deleteUserAdmin(req: Request, ctx: AuthCtx, id: string): Promise<Response> {
	await requireAdmin(ctx);
	const body = await readBody(req);
	await inTransaction(ctx.stack.admin, async (tx) => {
		const user = await loadUser(tx, id);
		await tx.query('savepoint delete_user');
		try {
			if (body.should_soft_delete === true) {
				await tx.query(`delete from auth.sessions where user_id = $1`, [user.id]);
				await tx.query(`delete from auth.identities where user_id = $1`, [user.id]);
				await tx.query(`delete from auth.one_time_tokens where user_id = $1`, [user.id]);
				await tx.query(
					`update auth.users set deleted_at = now(), email = null, phone = null, encrypted_password = '', confirmation_token = '', recovery_token = '',
						raw_user_meta_data = '{}', raw_app_meta_data = '{}', updated_at = now() where id = $1`,
					[user.id],
				);
			} else {
				await tx.query(`delete from auth.users where id = $1`, [user.id]);
			}
		} catch (e) {
			await tx.query('rollback to savepoint delete_user');
			throw new AuthError(500, 'unexpected_failure', 'Database error deleting user', {}, e);
		}
	});
	return json({});
}
