// POST /object/move and /object/copy, following Storage v1.60 (src/http/routes/object/moveObject.ts,
// copyObject.ts, src/storage/object.ts moveObject / copyObject): run AS THE CALLER, so a move needs
// SELECT + UPDATE on the source (and the renamed row must pass UPDATE's WITH CHECK), a copy SELECT on
// the source and INSERT on the destination. The bytes get a new version next to the new name (a hard
// link where the file system allows) before the commit; the moved-away version goes after it.
import { randomUUID } from 'node:crypto';
import { copyFile, link, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { json, type Ctx } from '../http.ts';
import { asCaller, callerIdentity, ownerOf } from './caller.ts';
import { discard, removeVersion } from './disk.ts';
import { ERRORS, fromPgError } from './errors.ts';
import { mustBeValidKey, objectFile } from './paths.ts';
import { findBucket, lockObjectName } from './rows.ts';

interface Transfer {
	bucketId: string;
	sourceKey: string;
	destinationBucket: string;
	destinationKey: string;
	copyMetadata: boolean;
	metadata: Record<string, unknown> | null;
}

function transferOf(body: unknown): Transfer {
	const b = (body ?? {}) as Record<string, unknown>;
	for (const field of ['bucketId', 'sourceKey', 'destinationKey']) {
		if (typeof b[field] !== 'string' || !b[field]) throw ERRORS.invalidRequest(`body must have required property '${field}'`);
	}
	const transfer: Transfer = {
		bucketId: b.bucketId as string,
		sourceKey: b.sourceKey as string,
		destinationBucket: typeof b.destinationBucket === 'string' && b.destinationBucket ? b.destinationBucket : (b.bucketId as string),
		destinationKey: b.destinationKey as string,
		copyMetadata: b.copyMetadata !== false,
		metadata: b.metadata && typeof b.metadata === 'object' && !Array.isArray(b.metadata) ? (b.metadata as Record<string, unknown>) : null,
	};
	mustBeValidKey(transfer.sourceKey);
	mustBeValidKey(transfer.destinationKey);
	return transfer;
}

/** Gives the destination version the source's bytes. */
async function duplicate(root: string, t: Transfer, sourceVersion: string | null, version: string): Promise<string> {
	if (!sourceVersion) throw ERRORS.noSuchKey();
	const from = objectFile(root, t.bucketId, t.sourceKey, sourceVersion);
	const to = objectFile(root, t.destinationBucket, t.destinationKey, version);
	await mkdir(dirname(to), { recursive: true });
	objectFile(root, t.destinationBucket, t.destinationKey, version);
	try {
		await link(from, to);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw ERRORS.noSuchKey();
		await copyFile(from, to);
	}
	return to;
}

async function checkBuckets(ctx: Ctx, t: Transfer): Promise<void> {
	if (!(await findBucket(ctx.stack.admin, t.bucketId))) throw ERRORS.noSuchBucket();
	if (t.destinationBucket !== t.bucketId && !(await findBucket(ctx.stack.admin, t.destinationBucket))) throw ERRORS.noSuchBucket();
}

export async function moveObject(req: Request, ctx: Ctx, body: unknown): Promise<Response> {
	const identity = await callerIdentity(ctx);
	const t = transferOf(body);
	await checkBuckets(ctx, t);
	const root = ctx.stack.config.storage.dir;
	const version = randomUUID();
	const { owner, ownerId } = ownerOf(identity);
	const created: { file?: string } = {};
	let old: string | null;
	try {
		old = await asCaller(ctx, req, { identity, operation: 'storage.object.move' }, async (db) => {
			await lockObjectName(db, t.bucketId, t.sourceKey);
			await lockObjectName(db, t.destinationBucket, t.destinationKey);
			const { rows } = await db.query<{ old_version: string | null }>(
				`update storage.objects o set bucket_id = $3, name = $4, version = $5, owner = $6, owner_id = $7, updated_at = now(), last_accessed_at = now()
				 from (select id, version from storage.objects where bucket_id = $1 and name = $2 for update) src
				 where o.id = src.id returning src.version as old_version`,
				[t.bucketId, t.sourceKey, t.destinationBucket, t.destinationKey, version, owner, ownerId],
			);
			if (!rows.length) throw ERRORS.noSuchKey();
			created.file = await duplicate(root, t, rows[0].old_version, version);
			return rows[0].old_version;
		});
	} catch (e) {
		if (created.file) await discard(created.file);
		throw fromPgError(e) ?? e;
	}
	await removeVersion(root, t.bucketId, t.sourceKey, old).catch(() => {});
	return json({ message: 'Successfully moved' });
}

export async function copyObject(req: Request, ctx: Ctx, body: unknown): Promise<Response> {
	const identity = await callerIdentity(ctx);
	const t = transferOf(body);
	await checkBuckets(ctx, t);
	const root = ctx.stack.config.storage.dir;
	const version = randomUUID();
	const id = randomUUID();
	const { owner, ownerId } = ownerOf(identity);
	const created: { file?: string } = {};
	try {
		await asCaller(ctx, req, { identity, operation: 'storage.object.copy' }, async (db) => {
			await lockObjectName(db, t.destinationBucket, t.destinationKey);
			const { rows } = await db.query<{ version: string | null; metadata: unknown; user_metadata: unknown }>(
				'select version, metadata, user_metadata from storage.objects where bucket_id = $1 and name = $2',
				[t.bucketId, t.sourceKey],
			);
			if (!rows.length) throw ERRORS.noSuchKey();
			const src = rows[0];
			// No RETURNING, as for uploads: INSERT alone decides.
			await db.query(
				`insert into storage.objects (id, bucket_id, name, owner, owner_id, version, metadata, user_metadata) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
				[id, t.destinationBucket, t.destinationKey, owner, ownerId, version, src.metadata, t.copyMetadata ? src.user_metadata : t.metadata],
			);
			created.file = await duplicate(root, t, src.version, version);
		});
	} catch (e) {
		if (created.file) await discard(created.file);
		throw fromPgError(e) ?? e;
	}
	return json({ Id: id, Key: `${t.destinationBucket}/${t.destinationKey}` });
}
