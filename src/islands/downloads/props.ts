// What the downloads page hands the widget, in a module of its own so the views it renders
// (list, item, version) can take the same props without importing the widget that imports them.
import type { DownloadLabels, StatusLabels } from './labels.ts';
import type { StatusTable } from './support-status.ts';

export interface DownloadsProps {
	lang: 'es' | 'en';
	/** This page, in its language (the list links to `?item=` on it). */
	pagePath: string;
	accountHref: string;
	products: Record<string, string>;
	statuses: StatusTable;
	labels: DownloadLabels;
	statusLabels: StatusLabels;
}
