// Generates supabase/seed.sql from content/support (and the list of articles from content/docs), so the database holds the very programme the docs
// publish: `npm run seed:generate`. A test fails when seed.sql is stale. The seed is idempotent
// (upserts), so it applies again on top of itself.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { pickText, targetsOf, type Programme } from '#shared/programme.ts';
import type { ProductCatalog } from '#shared/products.ts';
import { activeProgrammeId, loadProducts, loadProgramme, programmeIds } from '../lib/support-data.ts';

type Value = string | number | boolean | null | undefined | string[] | { json: unknown };

function lit(v: Value): string {
	if (v === null || v === undefined) return 'null';
	if (typeof v === 'number') return String(v);
	if (typeof v === 'boolean') return v ? 'true' : 'false';
	if (Array.isArray(v)) return `array[${v.map(lit).join(', ')}]::text[]`;
	if (typeof v === 'object') return `${lit(JSON.stringify(v.json))}::jsonb`;
	return `'${v.replace(/'/g, "''")}'`;
}

function upsert(table: string, rows: Record<string, Value>[], key: string[]): string {
	if (!rows.length) return '';
	const cols = Object.keys(rows[0]);
	const updates = cols.filter((c) => !key.includes(c));
	return `insert into public.${table} (${cols.join(', ')}) values\n${rows.map((r) => `\t(${cols.map((c) => lit(r[c])).join(', ')})`).join(',\n')}\non conflict (${key.join(', ')}) do ${updates.length ? `update set ${updates.map((c) => `${c} = excluded.${c}`).join(', ')}` : 'nothing'};\n`;
}

function programmeSql(p: Programme, active: boolean): string {
	const es = (t: Parameters<typeof pickText>[0]) => pickText(t, 'es');
	return [
		upsert('programmes', [{
			id: p.id, name: es(p.name), timezone: p.timezone, customer_tickets: p.customerTickets, default_severity: p.defaultSeverity ?? null,
			auto_close_days: p.rules.autoClose?.afterDays ?? null, auto_close_reminder_days: p.rules.autoClose?.reminderDaysBefore ?? null,
			first_response_commitment: p.commitments?.firstResponseOnTime ?? null, escalation_commitment: p.commitments?.escalationOnTime ?? null,
			supported_majors: p.versionPolicy.supportedMajors, eol_notice_months: p.versionPolicy.eolNoticeMonths,
			document: { json: p }, active,
		}], ['id']),
		upsert('calendars', p.calendars.map((c) => ({ programme_id: p.id, id: c.id, name: es(c.name), timezone: c.timezone, hours: { json: c.hours } })), ['programme_id', 'id']),
		`delete from public.holidays where programme_id = ${lit(p.id)};\n`,
		upsert('holidays', p.calendars.flatMap((c) => c.holidays.map((h) => ({ programme_id: p.id, calendar_id: c.id, day: h.date, name: es(h.name) }))), ['programme_id', 'calendar_id', 'day']),
		upsert('severities', p.severities.map((s, i) => ({ programme_id: p.id, key: s.key, position: i + 1, label: es(s.label), description: es(s.description), criteria: { json: s.criteria } })), ['programme_id', 'key']),
		upsert('plans', p.plans.map((pl) => ({
			programme_id: p.id, id: pl.id, name: es(pl.name), calendar_id: pl.calendar,
			monthly_quota: pl.quota === 'unlimited' ? null : pl.quota.perMonth,
			authorized_contacts: pl.authorizedContacts === 'unlimited' ? null : pl.authorizedContacts,
			channels: pl.channels.map((c) => c.kind), included_months: pl.includedPeriod?.months ?? null,
			included_after: pl.includedPeriod ? pl.includedPeriod.after.replace('-', '_') : null,
			best_effort: pl.targets === 'best-effort', who_may_open: pl.whoMayOpen.replace('-', '_'),
		})), ['programme_id', 'id']),
		`delete from public.sla_targets where programme_id = ${lit(p.id)};\n`,
		upsert('sla_targets', p.plans.flatMap((pl) => pl.targets === 'best-effort' ? [] : p.severities.map((s) => {
			const t = targetsOf(pl)[s.key];
			return { programme_id: p.id, plan_id: pl.id, severity_key: s.key, first_response_minutes: t.firstResponse, update_minutes: t.update ?? null, escalation_minutes: t.escalation ?? null, resolution_minutes: t.resolution ?? null };
		})), ['programme_id', 'plan_id', 'severity_key']),
		`delete from public.escalation_steps where programme_id = ${lit(p.id)};\n`,
		upsert('escalation_steps', p.rules.escalationChain.map((s, i) => ({ programme_id: p.id, position: i + 1, key: s.key, label: es(s.label), role: s.role, level: s.level ?? null })), ['programme_id', 'position']),
	].join('\n');
}

function productsSql(c: ProductCatalog): string {
	return [
		upsert('products', c.products.map((p) => ({ id: p.id, name: p.name, kind: p.kind })), ['id']),
		upsert('product_versions', c.products.flatMap((p) => p.versions.map((v) => ({ product_id: p.id, version: v.version, released: v.released, eol_announced: v.eolAnnounced ?? null, eol: v.eol ?? null }))), ['product_id', 'version']),
	].join('\n');
}

/** Every published article under content/docs by the slug the site gives its page (Starlight's entry id). */
export function articleRows(docs = join(process.cwd(), 'content/docs')): { slug: string; title: string; lang: 'es' | 'en' }[] {
	const rows: { slug: string; title: string; lang: 'es' | 'en' }[] = [];
	for (const entry of readdirSync(docs, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || !/\.mdx?$/.test(entry.name)) continue;
		const file = join(entry.parentPath, entry.name);
		const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(file, 'utf8'))?.[1];
		const data = (front ? parseYaml(front) : {}) as { title?: string; draft?: boolean };
		if (data.draft) continue;
		const slug = relative(docs, file).replace(/\.mdx?$/, '').replace(/\/index$/, '').toLowerCase();
		rows.push({ slug, title: String(data.title ?? slug).slice(0, 300), lang: slug === 'en' || slug.startsWith('en/') ? 'en' : 'es' });
	}
	return rows.sort((a, b) => a.slug.localeCompare(b.slug));
}

function articlesSql(rows: ReturnType<typeof articleRows>): string {
	return [
		`delete from public.articles where slug not in (${rows.map((r) => lit(r.slug)).join(', ')});\n`,
		upsert('articles', rows, ['slug']),
	].join('\n');
}

export function generateSeed(): string {
	const active = activeProgrammeId();
	const programmes = programmeIds().map((id) => loadProgramme(id));
	return [
		'-- Generated from content/support by `npm run seed:generate`. Do not edit: change the YAML and regenerate.',
		'',
		'update public.programmes set active = false where active;',
		...programmes.map((p) => programmeSql(p, p.id === active)),
		productsSql(loadProducts(undefined, programmes.find((p) => p.id === active))),
		articlesSql(articleRows()),
	].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const file = join(process.cwd(), 'supabase/seed.sql');
	writeFileSync(file, generateSeed());
	console.log(`wrote ${file}`);
}
