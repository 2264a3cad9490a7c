// Reading storage.buckets and storage.objects, on whichever connection the caller hands in: a
// transaction as the API caller (RLS applies) or the superuser pool for the steps Storage itself
// runs as its admin role (bucket limits on upload, signed and public downloads).
import type pg from 'pg';

type Queryable = Pick<pg.ClientBase, 'query'>;

export interface BucketRow {
	id: string;
	name: string;
	owner: string | null;
	owner_id: string | null;
	public: boolean;
	file_size_limit: number | null;
	allowed_mime_types: string[] | null;
	type: string;
	created_at: Date;
	updated_at: Date;
}

export interface ObjectRow {
	id: string;
	bucket_id: string;
	name: string;
	owner: string | null;
	owner_id: string | null;
	version: string | null;
	metadata: Record<string, any> | null;
	user_metadata: Record<string, unknown> | null;
	created_at: Date;
	updated_at: Date;
	last_accessed_at: Date;
}

export const BUCKET_COLUMNS = 'id, name, owner, owner_id, public, file_size_limit, allowed_mime_types, type, created_at, updated_at';
export const OBJECT_COLUMNS = 'id, bucket_id, name, owner, owner_id, version, metadata, user_metadata, created_at, updated_at, last_accessed_at';

/** bigint arrives as a string from pg; Storage answers with a number. */
export function bucketOut(row: BucketRow): BucketRow {
	return { ...row, file_size_limit: row.file_size_limit === null ? null : Number(row.file_size_limit) };
}

export async function findBucket(db: Queryable, id: string): Promise<BucketRow | undefined> {
	const { rows } = await db.query<BucketRow>(`select ${BUCKET_COLUMNS} from storage.buckets where id = $1`, [id]);
	return rows[0] ? bucketOut(rows[0]) : undefined;
}

export async function findObject(db: Queryable, bucket: string, name: string): Promise<ObjectRow | undefined> {
	const { rows } = await db.query<ObjectRow>(`select ${OBJECT_COLUMNS} from storage.objects where bucket_id = $1 and name = $2`, [bucket, name]);
	return rows[0];
}

/** Serialises the API's writes to one object name (Storage's waitObjectLock). */
export async function lockObjectName(db: Queryable, bucket: string, name: string): Promise<void> {
	await db.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`storage.objects/${bucket}/${name}`]);
}
