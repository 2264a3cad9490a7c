// Signed URLs, following Storage v1.60 (src/http/routes/object/getSignedURL.ts, getSignedURLs.ts,
// getSignedObject.ts; src/storage/object.ts signObjectUrl / verifyObjectSignature): a caller who can
// see the object (SELECT policies) gets an HS256 JWT {url: "<bucket>/<path>", iat, exp} signed with the
// project's JWT secret; whoever holds the URL fetches the bytes without Authorization (the row is then
// read as superuser). Signed tokens get no clock skew: "expiresIn: 1" really means one second.
import { json, type Ctx } from '../http.ts';
import { signJwt, verifyJwt, JwtError } from '../jwt.ts';
import { asCaller, callerIdentity } from './caller.ts';
import { serveObject } from './download.ts';
import { ERRORS, fromPgError } from './errors.ts';
import { isValidKey } from './paths.ts';
import { findBucket, findObject } from './rows.ts';

const NOT_VISIBLE = 'Either the object does not exist or you do not have access to it';
const MAX_PATHS = 1000;

function expiresInOf(body: unknown): number {
	const value = (body as { expiresIn?: unknown })?.expiresIn;
	if (value === undefined || value === null) throw ERRORS.invalidRequest("body must have required property 'expiresIn'");
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1) throw ERRORS.invalidRequest('body/expiresIn must be >= 1');
	return n;
}

function signedPath(ctx: Ctx, bucket: string, name: string, expiresIn: number): string {
	const url = `${bucket}/${name}`;
	const iat = Math.floor(Date.now() / 1000);
	const token = signJwt({ url, iat, exp: iat + expiresIn }, ctx.stack.config.jwtSecret);
	return `/object/sign/${url}?token=${token}`;
}

export async function signUrl(req: Request, ctx: Ctx, bucketId: string, name: string, body: unknown): Promise<Response> {
	const identity = callerIdentity(ctx);
	const expiresIn = expiresInOf(body);
	if (!isValidKey(name)) throw ERRORS.noSuchKey();
	let row;
	try {
		row = await asCaller(ctx, req, { identity, operation: 'storage.object.sign', readOnly: true }, (db) => findObject(db, bucketId, name));
	} catch (e) {
		throw fromPgError(e) ?? e;
	}
	if (!row) throw ERRORS.noSuchKey();
	return json({ signedURL: signedPath(ctx, bucketId, name, expiresIn) });
}

export async function signUrls(req: Request, ctx: Ctx, bucketId: string, body: unknown): Promise<Response> {
	const identity = callerIdentity(ctx);
	const expiresIn = expiresInOf(body);
	const paths = (body as { paths?: unknown })?.paths;
	if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string')) throw ERRORS.invalidRequest('body/paths must be an array of strings');
	if (paths.length < 1 || paths.length > MAX_PATHS) throw ERRORS.invalidRequest(`body/paths must hold between 1 and ${MAX_PATHS} items`);
	let visible: Set<string>;
	try {
		visible = await asCaller(ctx, req, { identity, operation: 'storage.object.sign_many', readOnly: true }, async (db) => {
			const { rows } = await db.query<{ name: string }>('select name from storage.objects where bucket_id = $1 and name = any($2::text[])', [bucketId, paths]);
			return new Set(rows.map((r) => r.name));
		});
	} catch (e) {
		throw fromPgError(e) ?? e;
	}
	return json(
		(paths as string[]).map((path) =>
			visible.has(path) && isValidKey(path) ? { error: null, path, signedURL: signedPath(ctx, bucketId, path, expiresIn) } : { error: NOT_VISIBLE, path, signedURL: null },
		),
	);
}

/** GET /object/sign/<bucket>/<path>?token=: the token alone decides. */
export async function getSignedObject(req: Request, ctx: Ctx, bucketId: string, name: string): Promise<Response> {
	const token = ctx.url.searchParams.get('token');
	if (!token) throw ERRORS.invalidJwt('Missing token');
	let payload;
	try {
		payload = verifyJwt(token, ctx.stack.config.jwtSecret, Date.now() / 1000, 0);
	} catch (e) {
		if (e instanceof JwtError && e.reason === 'expired') throw ERRORS.expiredToken();
		if (e instanceof JwtError) throw ERRORS.invalidJwt(e.message);
		throw e;
	}
	// Newer Storage adds scope "download" and refuses other scopes; tokens without one stay valid.
	if (payload.scope !== undefined && payload.scope !== 'download') throw ERRORS.invalidJwt('Invalid token scope');
	if (payload.url !== `${bucketId}/${name}`) throw ERRORS.invalidSignature();
	const bucket = await findBucket(ctx.stack.admin, bucketId);
	if (!bucket) throw ERRORS.noSuchBucket();
	const row = isValidKey(name) ? await findObject(ctx.stack.admin, bucketId, name) : undefined;
	if (!row) throw ERRORS.noSuchKey();
	return serveObject(req, ctx.stack.config.storage.dir, row, { download: ctx.url.searchParams.get('download'), head: req.method === 'HEAD' });
}
