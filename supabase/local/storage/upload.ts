// Uploads, following Storage v1.60 (src/http/routes/object/createObject.ts, updateObject.ts,
// src/storage/object.ts uploadNewObject / uploadOverridingObject, src/storage/uploader.ts): key and
// bucket checked, the caller's right to write tested in a rolled-back transaction before any byte is
// read, the body streamed to disk against the size limit with its MIME type checked, then the row
// written AS THE CALLER (Storage writes it as superuser after the test; here RLS decides twice).
// POST creates (x-upsert: true replaces an existing object: INSERT + SELECT + UPDATE policies);
// PUT replaces an existing object (SELECT + UPDATE), NoSuchKey when the caller cannot see it.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Identity } from '../as-role.ts';
import { json, type Ctx } from '../http.ts';
import { asCaller, callerIdentity, ownerOf, testAsCaller } from './caller.ts';
import { discard, place, receive, removeVersion } from './disk.ts';
import { ERRORS, fromPgError } from './errors.ts';
import { mustBeValidKey } from './paths.ts';
import { findBucket, lockObjectName } from './rows.ts';
import { checkMimeType, readUploadBody } from './upload-body.ts';

/** Keys Storage treats as folder markers: always empty, any MIME type. */
const isEmptyFolder = (name: string) => name.endsWith('.emptyFolderPlaceholder');

interface Write {
	bucket: string;
	name: string;
	version: string;
	owner: string | null;
	ownerId: string | null;
	metadata: Record<string, unknown> | null;
	userMetadata: Record<string, unknown> | null;
}

async function insertRow(db: pg.ClientBase, w: Write, id: string): Promise<void> {
	// No RETURNING: that would also need a SELECT policy, which a plain upload does not.
	await db.query(
		`insert into storage.objects (id, bucket_id, name, owner, owner_id, version, metadata, user_metadata)
		 values ($1, $2, $3, $4, $5, $6, $7, $8)`,
		[id, w.bucket, w.name, w.owner, w.ownerId, w.version, w.metadata, w.userMetadata],
	);
}

async function upsertRow(db: pg.ClientBase, w: Write): Promise<string> {
	const { rows } = await db.query<{ id: string }>(
		`insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata, user_metadata)
		 values ($1, $2, $3, $4, $5, $6, $7)
		 on conflict (bucket_id, name) do update set owner = excluded.owner, owner_id = excluded.owner_id, version = excluded.version,
			metadata = excluded.metadata, user_metadata = excluded.user_metadata, updated_at = now(), last_accessed_at = now()
		 returning id`,
		[w.bucket, w.name, w.owner, w.ownerId, w.version, w.metadata, w.userMetadata],
	);
	return rows[0].id;
}

async function updateRow(db: pg.ClientBase, w: Write): Promise<{ id: string } | undefined> {
	const { rows } = await db.query<{ id: string }>(
		`update storage.objects set owner = $3, owner_id = $4, version = $5, metadata = $6, user_metadata = $7, updated_at = now(), last_accessed_at = now()
		 where bucket_id = $1 and name = $2 returning id`,
		[w.bucket, w.name, w.owner, w.ownerId, w.version, w.metadata, w.userMetadata],
	);
	return rows[0];
}

async function currentVersion(db: pg.ClientBase, bucket: string, name: string): Promise<string | null> {
	const { rows } = await db.query<{ version: string | null }>('select version from storage.objects where bucket_id = $1 and name = $2', [bucket, name]);
	return rows[0]?.version ?? null;
}

/** An upload through a signed upload URL: the token's owner and upsert, written as Storage's superuser. */
export interface SignedUpload {
	owner: string | null;
	upsert: boolean;
}

export async function uploadObject(req: Request, ctx: Ctx, bucketId: string, name: string, mode: 'create' | 'update', signed?: SignedUpload): Promise<Response> {
	// uploadSignedObject.ts: `request.storage.asSuperUser()...uploadNewObject({owner, isUpsert})` — the
	// right to write was tested when the URL was signed; service_role is the API's role without RLS.
	const identity: Identity = signed
		? { role: 'service_role', claims: { role: 'service_role', ...(signed.owner ? { sub: signed.owner } : {}) } }
		: await callerIdentity(ctx);
	mustBeValidKey(name);
	const root = ctx.stack.config.storage.dir;
	const bucket = await findBucket(ctx.stack.admin, bucketId);
	if (!bucket) throw ERRORS.noSuchBucket();
	const upsert = signed ? signed.upsert : mode === 'create' && /^true$/i.test(req.headers.get('x-upsert') ?? '');
	const operation = signed ? 'storage.object.upload_signed' : mode === 'update' ? 'storage.object.upload_update' : 'storage.object.upload';
	const { owner, ownerId } = ownerOf(identity);
	const probe: Write = { bucket: bucket.id, name, version: randomUUID(), owner, ownerId, metadata: null, userMetadata: null };

	try {
		await testAsCaller(ctx, req, { identity, operation }, async (db) => {
			if (mode === 'update') {
				if (!(await updateRow(db, probe))) throw ERRORS.noSuchKey();
			} else if (upsert) await upsertRow(db, probe);
			else await insertRow(db, probe, randomUUID());
		});
	} catch (e) {
		throw fromPgError(e) ?? e;
	}

	const incoming = await readUploadBody(req);
	const folder = isEmptyFolder(name);
	if (!folder) checkMimeType(incoming.mimetype, bucket.allowed_mime_types);
	const globalLimit = ctx.stack.config.storage.fileSizeLimit;
	const limit = folder ? 0 : bucket.file_size_limit === null ? globalLimit : Math.min(bucket.file_size_limit, globalLimit);
	const received = await receive(root, incoming.body, limit);

	const now = new Date();
	const write: Write = {
		...probe,
		version: randomUUID(),
		metadata: {
			eTag: received.eTag,
			size: received.size,
			mimetype: incoming.mimetype,
			cacheControl: incoming.cacheControl,
			lastModified: now.toISOString(),
			contentLength: received.size,
			httpStatusCode: 200,
		},
		// Uploader.upload: `userMetadata: { ...request.userMetadata }` — {} when none came with the upload.
		userMetadata: { ...incoming.userMetadata },
	};
	// Set once the bytes are in place, so a failed commit can take them back out.
	const placed: { file?: string } = {};
	let written: { id: string; previous: string | null };
	try {
		written = await asCaller(ctx, req, { identity, operation }, async (db) => {
			await lockObjectName(db, write.bucket, write.name);
			let id: string;
			let previous: string | null = null;
			if (mode === 'update') {
				previous = await currentVersion(db, write.bucket, write.name);
				const row = await updateRow(db, write);
				if (!row) throw ERRORS.noSuchKey();
				id = row.id;
			} else if (upsert) {
				previous = await currentVersion(db, write.bucket, write.name);
				id = await upsertRow(db, write);
			} else {
				id = randomUUID();
				await insertRow(db, write, id);
			}
			// Into place before the commit: the new version's file is referenced by nothing until then,
			// and once the row is visible its bytes are there.
			placed.file = await place(root, received.tmp, write.bucket, write.name, write.version);
			return { id, previous };
		});
	} catch (e) {
		await discard(placed.file ?? received.tmp);
		throw fromPgError(e) ?? e;
	}
	const { id, previous } = written;
	if (previous && previous !== write.version) {
		await removeVersion(root, write.bucket, write.name, previous).catch((e) => ctx.stack.log(`storage: could not remove an old version of ${write.bucket}/${write.name}: ${e.message}`));
	}
	// uploadSignedObject answers {Key} only (its response schema has no Id).
	if (signed) return json({ Key: `${write.bucket}/${write.name}` });
	return json({ Id: id, Key: `${write.bucket}/${write.name}` });
}
