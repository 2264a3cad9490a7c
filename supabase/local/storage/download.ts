// Sending an object's bytes, as Storage v1.60's renderer does (src/storage/renderer/renderer.ts,
// head.ts, info.ts and the file backend's getObject): Content-Type from the stored mimetype (text/html
// sent as text/plain), Content-Length, ETag, Last-Modified, Cache-Control, Accept-Ranges; a single
// `Range: bytes=a-b` answered 206 with Content-Range; `?download[=name]` as an attachment;
// If-None-Match / If-Modified-Since answered 304.
import { json } from '../http.ts';
import { openVersion } from './disk.ts';
import { ERRORS } from './errors.ts';
import type { ObjectRow } from './rows.ts';

export interface ServeOptions {
	/** The `download` query parameter: absent, '' (attachment) or a file name. */
	download?: string | null;
	head?: boolean;
}

function contentType(mimetype: unknown): string {
	const type = typeof mimetype === 'string' && mimetype ? mimetype : 'application/octet-stream';
	// Never serve a type a browser would run as a page on the API's origin (HTML, XHTML, SVG).
	return /text\/html|application\/xhtml|image\/svg|text\/xml|application\/xml/i.test(type) ? 'text/plain' : type;
}

function disposition(download: string | null | undefined): Record<string, string> {
	if (download === undefined || download === null) return {};
	if (download === '') return { 'content-disposition': 'attachment;' };
	const encoded = encodeURIComponent(download);
	return { 'content-disposition': `attachment; filename=${encoded}; filename*=UTF-8''${encoded};` };
}

function parseRange(header: string, size: number): { start: number; end: number } | 'invalid' | undefined {
	const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
	let start: number;
	let end: number;
	if (m[1] === '') {
		// Suffix range: the last n bytes.
		const n = Number(m[2]);
		if (n === 0) return 'invalid';
		start = Math.max(0, size - n);
		end = size - 1;
	} else {
		start = Number(m[1]);
		end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
	}
	if (start > end || start >= size) return 'invalid';
	return { start, end };
}

export async function serveObject(req: Request, root: string, row: ObjectRow, opts: ServeOptions = {}): Promise<Response> {
	const file = await openVersion(root, row.bucket_id, row.name, row.version);
	if (!file) throw ERRORS.noSuchKey();
	const meta = row.metadata ?? {};
	const eTag = typeof meta.eTag === 'string' ? meta.eTag : `"${row.version}"`;
	const lastModified = new Date(row.updated_at ?? file.mtime);
	const headers: Record<string, string> = {
		'accept-ranges': 'bytes',
		'content-type': contentType(meta.mimetype),
		etag: eTag,
		'last-modified': lastModified.toUTCString(),
		'cache-control': typeof meta.cacheControl === 'string' ? meta.cacheControl : 'no-cache',
		...disposition(opts.download),
	};

	const ifNoneMatch = req.headers.get('if-none-match');
	const ifModifiedSince = req.headers.get('if-modified-since');
	const notModified = ifNoneMatch ? ifNoneMatch.split(',').some((t) => t.trim() === eTag || t.trim() === '*') : !!ifModifiedSince && Math.floor(lastModified.getTime() / 1000) <= Math.floor(new Date(ifModifiedSince).getTime() / 1000);
	if (notModified) {
		await file.close();
		return new Response(null, { status: 304, headers });
	}

	const rangeHeader = req.headers.get('range');
	if (rangeHeader) {
		const range = parseRange(rangeHeader, file.size);
		if (range === 'invalid') {
			await file.close();
			return json(ERRORS.invalidRange().body(), 416, { 'content-range': `bytes */${file.size}` });
		}
		if (range) {
			headers['content-range'] = `bytes ${range.start}-${range.end}/${file.size}`;
			headers['content-length'] = String(range.end - range.start + 1);
			if (opts.head) {
				await file.close();
				return new Response(null, { status: 206, headers });
			}
			return new Response(file.stream(range.start, range.end), { status: 206, headers });
		}
	}
	headers['content-length'] = String(file.size);
	if (opts.head || file.size === 0) {
		await file.close();
		return new Response(null, { status: 200, headers });
	}
	return new Response(file.stream(), { status: 200, headers });
}

/** GET /object/info/...: the row as Storage's InfoRenderer shapes it (supabase-js camel-cases it). */
export function infoBody(row: ObjectRow): Record<string, unknown> {
	const meta = row.metadata ?? {};
	return {
		id: row.id,
		name: row.name,
		version: row.version,
		bucket_id: row.bucket_id,
		size: meta.size ?? null,
		content_type: meta.mimetype ?? null,
		cache_control: meta.cacheControl ?? null,
		etag: meta.eTag ?? null,
		// The column as stored (InfoRenderer: `metadata: obj.user_metadata`); uploads store {} when no
		// custom metadata came with them, so only rows written some other way answer null.
		metadata: row.user_metadata,
		last_modified: row.updated_at,
		created_at: row.created_at,
	};
}
