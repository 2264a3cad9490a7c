// The UI strings the downloads widget takes (keys under mostrador.downloads.* in src/content/i18n),
// listed once for the page that builds them and the island that reads them. Support status names
// come from mostrador.versions.status.*, the same words as the version policy page.
import type { Labels } from '../shared/labels.ts';
import type { SupportStatus } from '#shared/products.ts';

export const DOWNLOAD_KEYS = [
	'loading',
	'unavailable',
	'empty',
	'listLabel',
	'kind.software',
	'kind.document',
	'kind.tool',
	'visibility.public',
	'visibility.members',
	'visibility.contract',
	'signInToDownload',
	'signedOutNote',
	'product',
	'latest',
	'noVersions',
	'versions',
	'version',
	'published',
	'size',
	'sha256',
	'notes',
	'status',
	'eolUntil',
	'eolSince',
	'download',
	'preparing',
	'ready',
	'readyLink',
	'notAllowedMembers',
	'notAllowedContract',
	'fileMissing',
	'failed',
	'notFound',
	'back',
] as const;
export type DownloadLabels = Labels<(typeof DOWNLOAD_KEYS)[number]>;

export const STATUS_KEYS = ['current', 'supported', 'retiring', 'end-of-life'] as const satisfies readonly SupportStatus[];
export type StatusLabels = Labels<SupportStatus>;
