// What a published file's name must look like, shared by the admin page (which builds it) and the
// function (which checks it): <item id>/<version>/<file>, with a version and a file name that are
// plain Storage key segments. Pure module, no dependencies: it runs in the browser and in Deno.

export const SUPPORT_STATUSES = ['current', 'supported', 'retiring', 'end-of-life'] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];

/** "5.1.2", "2026.11", "1.0-rc1": what fits in a Storage key segment and the version column. */
export const VERSION_PATTERN = /^[0-9A-Za-z][0-9A-Za-z.+_-]{0,49}$/;
/** The last segment of the key: letters, digits, dot, dash and underscore, not starting with a dot. */
export const FILE_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/;

/** A file name made safe as the key's last segment: accents dropped, anything else a dash. */
export function keySafeFileName(name: string): string {
	const base = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z0-9._-]+/g, '-')
		.replace(/-{2,}/g, '-')
		.replace(/^[-.]+|-+$/g, '');
	return (base || 'archivo').slice(-100).replace(/^[-.]+/, '') || 'archivo';
}

export function storagePath(item: string, version: string, file: string): string {
	return `${item}/${version}/${file}`;
}

/** Whether `path` is exactly <item>/<version>/<a safe file name>. */
export function isStoragePathOf(path: string, item: string, version: string): boolean {
	const [i, v, file, ...rest] = path.split('/');
	return i === item && v === version && !!file && rest.length === 0 && FILE_PATTERN.test(file);
}
