// A table as CSV (RFC 4180: comma-separated, double quotes, CRLF), with a byte-order mark so
// spreadsheets read the accents, downloaded as a Blob: nothing leaves the browser.
import type { TableModel } from './tables.ts';

function field(value: string | number): string {
	const s = String(value);
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The headers (a grouped column as "Group: column") and each cell's value, or its text. */
export function toCsv(table: TableModel): string {
	const header = table.columns.map((c) => field(c.group ? `${c.group}: ${c.label}` : c.label));
	const rows = table.rows.map((row) => row.map((cell) => field(cell.value ?? cell.text)));
	return [header, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';
}

export function downloadCsv(table: TableModel, fileName: string): void {
	const url = URL.createObjectURL(new Blob(['\ufeff', toCsv(table)], { type: 'text/csv;charset=utf-8' }));
	const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
	document.body.append(link);
	link.click();
	link.remove();
	// Revoke after the browser has taken the download.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
