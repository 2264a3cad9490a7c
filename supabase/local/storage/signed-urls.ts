// Signed URLs, following Storage v1.60 (src/http/routes/object/getSignedURL.ts, getSignedURLs.ts,
// getSignedObject.ts; src/storage/object.ts signObjectUrl / verifyObjectSignature): a caller who can
// see the object (SELECT policies) gets an HS256 JWT {url: "<bucket>/<path>", iat, exp} signed with the
// project's JWT secret; whoever holds the URL fetches the bytes without Authorization (the row is then
// read as superuser). Signed tokens get no clock skew: "expiresIn: 1" really means one second.
import { randomUUID } from 'node:crypto';
import { json, type Ctx } from '../http.ts';
import { signJwt, verifyJwt, JwtError } from '../jwt.ts';
import { asCaller, callerIdentity, joseMessage, ownerOf, testAsCaller } from './caller.ts';
import { serveObject } from './download.ts';
import { ERRORS, fromPgError } from './errors.ts';
import { isValidKey, mustBeValidKey } from './paths.ts';
import { uploadObject } from './upload.ts';
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

async function signedPath(ctx: Ctx, bucket: string, name: string, expiresIn: number): Promise<string> {
	const url = `${bucket}/${name}`;
	const iat = Math.floor(Date.now() / 1000);
	// Storage signs {url, scope: "download"} (object.ts signObjectUrl) and checks the scope on use.
	const token = await signJwt({ url, scope: 'download', iat, exp: iat + expiresIn }, ctx.stack.config.jwtSecret);
	return `/object/sign/${url}?token=${token}`;
}

export async function signUrl(req: Request, ctx: Ctx, bucketId: string, name: string, body: unknown): Promise<Response> {
	const identity = await callerIdentity(ctx);
	const expiresIn = expiresInOf(body);
	if (!isValidKey(name)) throw ERRORS.noSuchKey();
	let row;
	try {
		row = await asCaller(ctx, req, { identity, operation: 'storage.object.sign', readOnly: true }, (db) => findObject(db, bucketId, name));
	} catch (e) {
		throw fromPgError(e) ?? e;
	}
	if (!row) throw ERRORS.noSuchKey();
	return json({ signedURL: await signedPath(ctx, bucketId, name, expiresIn) });
}

export async function signUrls(req: Request, ctx: Ctx, bucketId: string, body: unknown): Promise<Response> {
	const identity = await callerIdentity(ctx);
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
		await Promise.all(
			(paths as string[]).map(async (path) =>
				visible.has(path) && isValidKey(path) ? { error: null, path, signedURL: await signedPath(ctx, bucketId, path, expiresIn) } : { error: NOT_VISIBLE, path, signedURL: null },
			),
		),
	);
}

/**
 * A signed URL's token as Storage's verifyObjectSignature reads it: jose's jwtVerify with no clock
 * tolerance, its failure answered InvalidJWT with jose's own message (expiry included).
 */
async function signedTokenPayload(ctx: Ctx, token: string) {
	try {
		return await verifyJwt(token, ctx.stack.config.jwtSecret, Date.now() / 1000, 0);
	} catch (e) {
		if (e instanceof JwtError) throw ERRORS.invalidJwt(joseMessage(e));
		throw e;
	}
}

/**
 * GET /object/sign/<bucket>/<path>?token=: the token alone decides. Follows storage-api master of
 * 2026-08 (ObjectStorage.verifyObjectSignature): jose's jwtVerify checks `exp` (no clock tolerance)
 * before Storage's own `exp * 1000 < Date.now()` → ExpiredToken check is reached, so an expired URL is
 * answered 400 InvalidJWT '"exp" claim timestamp check failed' (jose's JWTExpired message, passed on
 * through verifyJWT's AccessDenied); ExpiredToken is unreachable there and is not answered here.
 */
export async function getSignedObject(req: Request, ctx: Ctx, bucketId: string, name: string): Promise<Response> {
	const token = ctx.url.searchParams.get('token');
	if (!token) throw ERRORS.invalidJwt('Missing token');
	const payload = await signedTokenPayload(ctx, token);
	// isDownloadScopedToken: scope "download", or a legacy token with no scope that is not an upload token.
	if (!(payload.scope === 'download' || (payload.scope === undefined && !('upsert' in payload)))) throw ERRORS.invalidSignature('Token is not scoped for download');
	if (payload.url !== `${bucketId}/${name}`) throw ERRORS.invalidSignature();
	const bucket = await findBucket(ctx.stack.admin, bucketId);
	if (!bucket) throw ERRORS.noSuchBucket();
	const row = isValidKey(name) ? await findObject(ctx.stack.admin, bucketId, name) : undefined;
	if (!row) throw ERRORS.noSuchKey();
	return serveObject(req, ctx.stack.config.storage.dir, row, { download: ctx.url.searchParams.get('download'), head: req.method === 'HEAD' });
}

/** Storage's UPLOAD_SIGNED_URL_EXPIRATION_TIME default: upload URLs live two hours. */
const UPLOAD_URL_EXPIRES_IN = 2 * 60 * 60;

/**
 * POST /object/upload/sign/<bucket>/<path> (getSignedUploadURL.ts, ObjectStorage.signUploadObjectUrl,
 * Uploader.canUpload; storage-api master of 2026-08): the caller's right to write is tested in a
 * rolled-back transaction — INSERT, or with x-upsert: "true" an upsert (INSERT + UPDATE policies) — so
 * RLS refuses first and an existing object without upsert is ResourceAlreadyExists; the answer is
 * {url: "/object/upload/sign/<bucket>/<path>?token=…", token} with an HS256 token {owner, url, upsert,
 * scope: "upload", iat, exp}.
 */
export async function signUploadUrl(req: Request, ctx: Ctx, bucketId: string, name: string): Promise<Response> {
	const identity = await callerIdentity(ctx);
	mustBeValidKey(name);
	const upsert = req.headers.get('x-upsert') === 'true';
	const bucket = await findBucket(ctx.stack.admin, bucketId);
	if (!bucket) throw ERRORS.noSuchBucket();
	const { owner, ownerId } = ownerOf(identity);
	try {
		await testAsCaller(ctx, req, { identity, operation: 'storage.object.upload_sign' }, async (db) => {
			if (upsert) {
				await db.query(
					`insert into storage.objects (bucket_id, name, owner, owner_id, version) values ($1, $2, $3, $4, $5)
					 on conflict (bucket_id, name) do update set owner = excluded.owner, owner_id = excluded.owner_id, version = excluded.version`,
					[bucketId, name, owner, ownerId, randomUUID()],
				);
			} else {
				await db.query('insert into storage.objects (bucket_id, name, owner, owner_id, version) values ($1, $2, $3, $4, $5)', [bucketId, name, owner, ownerId, randomUUID()]);
			}
		});
	} catch (e) {
		throw fromPgError(e) ?? e;
	}
	const url = `${bucketId}/${name}`;
	const iat = Math.floor(Date.now() / 1000);
	const token = await signJwt({ owner: ownerId ?? undefined, url, upsert, scope: 'upload', iat, exp: iat + UPLOAD_URL_EXPIRES_IN }, ctx.stack.config.jwtSecret);
	return json({ url: `/object/upload/sign/${url}?token=${token}`, token });
}

/**
 * PUT /object/upload/sign/<bucket>/<path>?token=… (uploadSignedObject.ts, verifyObjectSignature): no
 * Authorization needed; the token must verify — else InvalidJWT with jose's message, expiry included,
 * since jose checks exp before Storage's own ExpiredSignature check could — be scoped for upload and
 * name this very object (InvalidSignature); the upload then runs as Storage's superuser with the
 * token's owner and upsert, and answers {Key}.
 */
export async function uploadToSignedUrl(req: Request, ctx: Ctx, bucketId: string, name: string): Promise<Response> {
	const token = ctx.url.searchParams.get('token');
	if (!token) throw ERRORS.invalidRequest("querystring must have required property 'token'");
	const payload = await signedTokenPayload(ctx, token);
	// isUploadScopedToken: scope "upload", or a legacy token without one that carries `upsert`.
	if (!(payload.scope === 'upload' || (payload.scope === undefined && 'upsert' in payload))) throw ERRORS.invalidSignature('Token is not scoped for upload');
	if (payload.url !== `${bucketId}/${name}`) throw ERRORS.invalidSignature();
	const owner = typeof payload.owner === 'string' ? payload.owner : null;
	return uploadObject(req, ctx, bucketId, name, 'create', { owner, upsert: payload.upsert === true });
}
