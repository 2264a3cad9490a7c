// Builds Starlight's sidebar from content/docs. Starlight's `autogenerate` resolves folders against
// src/content/docs only, so with articles in the top-level content/ we list each section's entries
// ourselves, in the same order autogenerate uses: `sidebar.order`, then title.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SECTIONS } from './sections.ts';
import { loadActiveProgramme } from './support-data.ts';

interface Entry {
	slug: string;
	title: string;
	order: number;
	hidden: boolean;
}

/**
 * The `title` and `sidebar` entries of a file's frontmatter, all the sidebar reads. Only their lines
 * are parsed: parsing every article's whole frontmatter (kb, alert and release blocks) with yaml took
 * 2 s of a 1,000-article build. A top-level key starts a line; its value continues on indented lines.
 */
function frontmatter(file: string): Record<string, any> {
	const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'));
	if (!match) return {};
	const lines: string[] = [];
	let keep = false;
	for (const line of match[1].split(/\r?\n/)) {
		if (/^[^\s#]/.test(line)) keep = /^(title|sidebar)\s*:/.test(line);
		if (keep) lines.push(line);
	}
	return (parse(lines.join('\n')) as Record<string, any>) || {};
}

function entriesOf(docsDir: string, dir: string): Entry[] {
	const abs = join(docsDir, dir);
	let names: string[];
	try {
		names = readdirSync(abs);
	} catch {
		return [];
	}
	return names
		.filter((n) => /\.mdx?$/.test(n) && !n.startsWith('_') && statSync(join(abs, n)).isFile())
		.map((n) => {
			const fm = frontmatter(join(abs, n));
			const base = n.replace(/\.mdx?$/, '');
			return {
				slug: base === 'index' ? dir : `${dir}/${base}`,
				title: String(fm.sidebar?.label ?? fm.title ?? base),
				order: typeof fm.sidebar?.order === 'number' ? fm.sidebar.order : Number.MAX_SAFE_INTEGER,
				hidden: fm.sidebar?.hidden === true,
			};
		})
		.filter((e) => !e.hidden)
		.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title, 'es'));
}

/**
 * The support widgets' pages (src/pages): links, which Starlight prefixes with the page's locale. The
 * SLA dashboard and the staff pages stay out: they are for coordinators and the team, not readers.
 * Where the site's programme takes no tickets (customerTickets: false), neither do the ticket pages
 * appear: help is in the support section's community, partner and certification articles.
 */
function mySupport(customerTickets: boolean) {
	const tickets = [
		{ label: 'Abrir un ticket', translations: { en: 'Open a ticket' }, link: '/soporte/nuevo/' },
		{ label: 'Mis tickets', translations: { en: 'My tickets' }, link: '/soporte/tickets/' },
	];
	return {
		label: 'Mi soporte',
		translations: { en: 'My support' },
		collapsed: false,
		items: [
			...(customerTickets ? tickets : []),
			{ label: 'Descargas', translations: { en: 'Downloads' }, link: '/descargas/' },
			{ label: 'Mi cuenta', translations: { en: 'My account' }, link: '/cuenta/' },
		],
	};
}

export function buildSidebar(docsDir: string, customerTickets = loadActiveProgramme().customerTickets) {
	return [mySupport(customerTickets), ...SECTIONS.map((s) => ({
		label: s.label,
		translations: s.translations,
		collapsed: s.collapsed ?? false,
		items: entriesOf(docsDir, s.dir).map((e) => e.slug),
	})).filter((g) => g.items.length > 0)];
}
