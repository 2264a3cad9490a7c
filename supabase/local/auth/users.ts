// Follows GoTrue v2.189 models/user.go and identity.go: auth.users rows and their identities, turned
// into the user JSON the API answers with (optional timestamps left out when null, email and phone ""
// when absent), and user creation with the email identity GoTrue writes beside it.
import { AuthError, unprocessable } from './errors.ts';
import type { Tx } from './tx.ts';

export const INSTANCE_ID = '00000000-0000-0000-0000-000000000000';

export interface UserRow {
	id: string;
	aud: string | null;
	role: string | null;
	email: string | null;
	encrypted_password: string | null;
	email_confirmed_at: Date | null;
	invited_at: Date | null;
	phone: string | null;
	phone_confirmed_at: Date | null;
	confirmation_sent_at: Date | null;
	confirmed_at: Date | null;
	recovery_sent_at: Date | null;
	email_change: string | null;
	email_change_sent_at: Date | null;
	phone_change: string | null;
	phone_change_sent_at: Date | null;
	reauthentication_sent_at: Date | null;
	last_sign_in_at: Date | null;
	raw_app_meta_data: Record<string, unknown> | null;
	raw_user_meta_data: Record<string, unknown> | null;
	created_at: Date;
	updated_at: Date;
	banned_until: Date | null;
	deleted_at: Date | null;
	is_anonymous: boolean;
	identities: IdentityRow[];
}

export interface IdentityRow {
	id: string;
	provider_id: string;
	user_id: string;
	identity_data: Record<string, unknown>;
	provider: string;
	last_sign_in_at: string | null;
	created_at: string;
	updated_at: string;
	email: string | null;
}

const iso = (d: Date | string | null | undefined) => (d == null ? undefined : new Date(d).toISOString());

export function identityJson(i: IdentityRow): Record<string, unknown> {
	const out: Record<string, unknown> = {
		identity_id: i.id,
		id: i.provider_id,
		user_id: i.user_id,
		identity_data: i.identity_data,
		provider: i.provider,
		last_sign_in_at: iso(i.last_sign_in_at) ?? null,
		created_at: iso(i.created_at),
		updated_at: iso(i.updated_at),
	};
	if (i.email) out.email = i.email;
	return out;
}

/** The user object GoTrue serialises (models.User), keys in its order. */
export function userJson(u: UserRow): Record<string, unknown> {
	const out: Record<string, unknown> = { id: u.id, aud: u.aud ?? '', role: u.role ?? '', email: u.email ?? '' };
	const put = (key: string, value: unknown) => {
		if (value !== undefined && value !== null && value !== '') out[key] = value;
	};
	put('email_confirmed_at', iso(u.email_confirmed_at));
	put('invited_at', iso(u.invited_at));
	out.phone = u.phone ?? '';
	put('phone_confirmed_at', iso(u.phone_confirmed_at));
	put('confirmation_sent_at', iso(u.confirmation_sent_at));
	put('confirmed_at', iso(u.confirmed_at));
	put('recovery_sent_at', iso(u.recovery_sent_at));
	put('new_email', u.email_change);
	put('email_change_sent_at', iso(u.email_change_sent_at));
	put('new_phone', u.phone_change);
	put('phone_change_sent_at', iso(u.phone_change_sent_at));
	put('reauthentication_sent_at', iso(u.reauthentication_sent_at));
	put('last_sign_in_at', iso(u.last_sign_in_at));
	out.app_metadata = u.raw_app_meta_data ?? {};
	out.user_metadata = u.raw_user_meta_data ?? {};
	out.identities = u.identities.map(identityJson);
	out.created_at = iso(u.created_at);
	out.updated_at = iso(u.updated_at);
	put('banned_until', iso(u.banned_until));
	put('deleted_at', iso(u.deleted_at));
	out.is_anonymous = u.is_anonymous;
	return out;
}

const SELECT_USER = `
	select u.*, coalesce((
		select json_agg(i order by i.created_at) from auth.identities i where i.user_id = u.id
	), '[]'::json) as identities
	from auth.users u`;

export async function findUserById(tx: Tx, id: string, opts: { forUpdate?: boolean } = {}): Promise<UserRow | undefined> {
	if (opts.forUpdate) await tx.query('select 1 from auth.users where id = $1 for update', [id]);
	const { rows } = await tx.query<UserRow>(`${SELECT_USER} where u.id = $1`, [id]);
	return rows[0];
}

/** A live (not soft-deleted) user by address, in the authenticated audience. */
export async function findUserByEmail(tx: Tx, email: string): Promise<UserRow | undefined> {
	const { rows } = await tx.query<UserRow>(`${SELECT_USER} where lower(u.email) = lower($1) and u.deleted_at is null and coalesce(u.aud, 'authenticated') = 'authenticated' and not u.is_sso_user`, [email]);
	return rows[0];
}

export const isBanned = (u: UserRow, now = new Date()) => !!u.banned_until && u.banned_until > now;

export interface NewUser {
	id?: string;
	email: string;
	password?: string;
	userMetadata?: Record<string, unknown>;
	appMetadata?: Record<string, unknown>;
	role?: string;
	confirmed?: boolean;
	invited?: boolean;
	/** Extra identity_data keys: the `data` of a sign-up (GoTrue adds it there too, claims winning). */
	identityData?: Record<string, unknown>;
}

/**
 * Inserts the user and its email identity. The project's trigger on auth.users runs here; when it (or
 * anything else in the insert) fails, GoTrue answers 500 "Database error saving new user".
 */
export async function createUser(tx: Tx, n: NewUser): Promise<UserRow> {
	await tx.query('savepoint create_user');
	let id: string;
	try {
		const { rows } = await tx.query<{ id: string }>(
			`insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, invited_at,
				raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_sso_user, is_anonymous)
			values ($1, coalesce($2::uuid, gen_random_uuid()), 'authenticated', $3, $4,
				case when $5::text is null then '' else extensions.crypt($5, extensions.gen_salt('bf', 10)) end,
				case when $6 then now() end, case when $7 then now() end,
				$8, $9, now(), now(), false, false)
			returning id`,
			[
				INSTANCE_ID,
				n.id ?? null,
				n.role ?? 'authenticated',
				n.email,
				n.password ?? null,
				!!n.confirmed,
				!!n.invited,
				{ ...(n.appMetadata ?? {}), provider: 'email', providers: ['email'] },
				n.userMetadata ?? {},
			],
		);
		id = rows[0].id;
	} catch (e) {
		await tx.query('rollback to savepoint create_user');
		if ((e as { code?: string }).code === '23505' && /email/.test((e as { constraint?: string }).constraint ?? '')) {
			throw unprocessable('email_exists', 'A user with this email address has already been registered');
		}
		if ((e as { code?: string }).code === '23505' && /pkey/.test((e as { constraint?: string }).constraint ?? '')) {
			throw unprocessable('email_exists', 'A user with this ID has already been registered');
		}
		throw new AuthError(500, 'unexpected_failure', 'Database error saving new user', {}, e);
	}
	// The email identity's claims (structs.Map(provider.Claims{Subject, Email}): sub and email, with
	// email_verified and phone_verified false, which have no omitempty) go into identity_data only;
	// sign-up also copies its `data` keys there without overriding a claim (signup.go). user_metadata
	// stays exactly what was given, plus email_verified: true once confirmed (models.User.Confirm).
	const identityData = { ...(n.identityData ?? {}), sub: id, email: n.email.toLowerCase(), email_verified: false, phone_verified: false };
	await tx.query(
		`insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
		values ($1::text, $1::uuid, $2, 'email', null, now(), now())`,
		[id, identityData],
	);
	if (n.confirmed) await tx.query(`update auth.users set raw_user_meta_data = raw_user_meta_data || '{"email_verified": true}'::jsonb where id = $1`, [id]);
	return (await findUserById(tx, id))!;
}

/** Confirms the address (GoTrue user.Confirm): stamps email_confirmed_at, marks identity and metadata verified. */
export async function confirmEmail(tx: Tx, userId: string): Promise<void> {
	await tx.query(
		`update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()), confirmation_token = '', updated_at = now(),
			raw_user_meta_data = raw_user_meta_data || '{"email_verified": true}'::jsonb
		where id = $1`,
		[userId],
	);
	await tx.query(
		`update auth.identities set identity_data = identity_data || '{"email_verified": true}'::jsonb, updated_at = now()
		where user_id = $1 and provider = 'email'`,
		[userId],
	);
}

/** Merges keys into a metadata column as GoTrue's UpdateUserMetaData does: null values remove keys. */
export async function mergeMetadata(tx: Tx, userId: string, column: 'raw_user_meta_data' | 'raw_app_meta_data', patch: Record<string, unknown>): Promise<void> {
	const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== null));
	const drop = Object.entries(patch).filter(([, v]) => v === null).map(([k]) => k);
	await tx.query(`update auth.users set ${column} = (coalesce(${column}, '{}'::jsonb) || $2::jsonb) - $3::text[], updated_at = now() where id = $1`, [userId, set, drop]);
}

/**
 * Sets a new password and, as GoTrue's UpdatePassword does, voids every outstanding e-mail code and
 * link and ends the user's other sessions (all of them when `keepSession` is undefined: the admin route).
 */
export async function setPassword(tx: Tx, userId: string, password: string, keepSession?: string): Promise<void> {
	await tx.query(
		`update auth.users set encrypted_password = extensions.crypt($2, extensions.gen_salt('bf', 10)),
			confirmation_token = '', recovery_token = '', email_change_token_new = '', email_change_token_current = '', updated_at = now()
		where id = $1`,
		[userId, password],
	);
	await tx.query(`delete from auth.one_time_tokens where user_id = $1`, [userId]);
	await tx.query(`delete from auth.sessions where user_id = $1 and id is distinct from $2::uuid`, [userId, keepSession ?? null]);
}

export async function passwordMatches(tx: Tx, userId: string, password: string): Promise<boolean> {
	const { rows } = await tx.query<{ ok: boolean }>(
		`select coalesce(encrypted_password, '') <> '' and encrypted_password = extensions.crypt($2, encrypted_password) as ok from auth.users where id = $1`,
		[userId, password],
	);
	return !!rows[0]?.ok;
}

export async function listUsers(tx: Tx, page: number, perPage: number): Promise<{ users: UserRow[]; total: number }> {
	const total = Number((await tx.query<{ n: string }>(`select count(*) as n from auth.users where coalesce(aud, 'authenticated') = 'authenticated'`)).rows[0].n);
	const { rows } = await tx.query<UserRow>(`${SELECT_USER} where coalesce(u.aud, 'authenticated') = 'authenticated' order by u.created_at desc, u.id limit $1 offset $2`, [perPage, (page - 1) * perPage]);
	return { users: rows, total };
}
