// The download catalogue: three items, each with several versions whose files are generated here (a
// ZIP "installer", CSV templates, a text guide), put into the stand-in's Storage the way an upload
// leaves them (the object's row, and its bytes at <storage dir>/downloads/<name>/<object version>), and
// published with their real sha256 and size, as publish-download would after checking them. A few
// downloads are logged, as members fetched them. Idempotent by item slug and version.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { objectFile } from '../storage/paths.ts';
import { ORGS, STAFF } from './cast.ts';
import { DAY } from './clock.ts';
import type { Db } from './ticket-writes.ts';
import { zip } from './zip.ts';

interface Item {
	id: string;
	slug: string;
	name: string;
	kind: 'software' | 'document' | 'tool';
	product: string | null;
	visibility: 'public' | 'members' | 'contract';
	description: string;
	versions: { version: string; daysAgo: number; status: 'current' | 'supported' | 'retiring' | 'end-of-life'; notes: string; file: (v: string, at: Date) => { name: string; mime: string; bytes: Buffer } }[];
}

const notice = 'Archivo de demostración generado por el stack local de Mostrador; no es software real.\n';

const installer = (v: string, at: Date) => ({
	name: `quetzal-docs-servidor-${v}.zip`,
	mime: 'application/zip',
	bytes: zip(
		[
			{ name: 'LEEME.txt', text: `Quetzal Docs — servidor ${v}\n\n${notice}` },
			{ name: 'CAMBIOS.txt', text: `Versión ${v}\n- Correcciones de seguridad y estabilidad.\n` },
			{ name: 'instalar.sh', text: `#!/bin/sh\necho "Quetzal Docs ${v} (demostración)"\n` },
		],
		at,
	),
});

const template = (v: string) => ({
	name: `plantilla-padron-${v}.csv`,
	mime: 'text/csv',
	bytes: Buffer.from(
		v === '1.0'
			? 'RFC,Nombre,Domicilio,Fecha de alta\nXAXX010101000,Contribuyente de ejemplo,Calle 1,01/02/2026\n'
			: 'RFC,Nombre,Domicilio,Fecha de alta,Correo\nXAXX010101000,Contribuyente de ejemplo,Calle 1,2026-02-01,ejemplo@demo.mostrador.test\n',
		'utf8',
	),
});

const guide = (v: string) => ({
	name: `guia-instalacion-${v}.txt`,
	mime: 'text/plain',
	bytes: Buffer.from(`Guía de instalación de Quetzal Docs ${v}\n\n1. Requisitos\n2. Instalación del servidor\n3. Primer inicio\n\n${notice}`, 'utf8'),
});

export const ITEMS: Item[] = [
	{
		id: '00000000-0000-4000-c000-000000000001',
		slug: 'quetzal-docs-servidor',
		name: 'Quetzal Docs — servidor',
		kind: 'software',
		product: 'quetzal-docs',
		visibility: 'contract',
		description: 'El instalador del servidor de Quetzal Docs para Linux, con sus parches.',
		versions: [
			{ version: '5.0.3', daysAgo: 150, status: 'supported', notes: 'Correcciones de la conversión a PDF/A y del conector LDAP.', file: installer },
			{ version: '5.1.0', daysAgo: 84, status: 'current', notes: 'Nueva vista de expedientes y búsqueda por facetas.', file: installer },
			{ version: '5.0.4', daysAgo: 5, status: 'supported', notes: 'Parche de seguridad QZ-2026-07 (visor de documentos).', file: installer },
		],
	},
	{
		id: '00000000-0000-4000-c000-000000000002',
		slug: 'plantillas-cargador',
		name: 'Plantillas del Cargador',
		kind: 'tool',
		product: 'cargador',
		visibility: 'members',
		description: 'Plantillas CSV para importar padrones y catálogos con Quetzal Cargador.',
		versions: [
			{ version: '1.0', daysAgo: 160, status: 'retiring', notes: 'Fechas en DD/MM/AAAA.', file: template },
			{ version: '1.1', daysAgo: 35, status: 'current', notes: 'Fechas en AAAA-MM-DD y columna de correo.', file: template },
		],
	},
	{
		id: '00000000-0000-4000-c000-000000000003',
		slug: 'guia-instalacion-docs',
		name: 'Guía de instalación de Quetzal Docs',
		kind: 'document',
		product: 'quetzal-docs',
		visibility: 'public',
		description: 'La guía de instalación en texto, para consultarla sin conexión.',
		versions: [
			{ version: '5.0', daysAgo: 170, status: 'supported', notes: 'Primera edición.', file: guide },
			{ version: '5.1', daysAgo: 84, status: 'current', notes: 'Actualizada para 5.1.', file: guide },
		],
	},
];

/** Who downloaded what (item slug, version), days ago. */
const DOWNLOADED: [string, string, string, number][] = [
	[ORGS.sanPedro.coordinator, 'quetzal-docs-servidor', '5.0.3', 140],
	[ORGS.sanPedro.coordinator, 'quetzal-docs-servidor', '5.0.4', 4],
	[ORGS.norte.contact, 'quetzal-docs-servidor', '5.1.0', 60],
	[ORGS.sanPedro.coordinator, 'plantillas-cargador', '1.1', 30],
	[ORGS.andina.contact, 'guia-instalacion-docs', '5.1', 20],
];

export async function loadDownloads(db: Db, storageDir: string, now: number): Promise<{ items: number; versions: number }> {
	mkdirSync(storageDir, { recursive: true });
	let items = 0;
	let versions = 0;
	for (const item of ITEMS) {
		const created = new Date(now - item.versions[0].daysAgo * DAY).toISOString();
		const inserted = await db.query(
			`insert into public.download_items (id, slug, name, kind, product_id, visibility, description, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8)
			on conflict do nothing`,
			[item.id, item.slug, item.name, item.kind, item.product, item.visibility, item.description, created],
		);
		items += inserted.rowCount ?? 0;
		const itemId = (await db.query<{ id: string }>(`select id from public.download_items where slug = $1`, [item.slug])).rows[0].id;
		for (const v of item.versions) {
			if ((await db.query(`select 1 from public.download_versions where item_id = $1 and version = $2`, [itemId, v.version])).rowCount) continue;
			const at = new Date(now - v.daysAgo * DAY);
			const file = v.file(v.version, at);
			const name = `${itemId}/${v.version}/${file.name}`;
			const objectVersion = randomUUID();
			const path = objectFile(storageDir, 'downloads', name, objectVersion);
			mkdirSync(dirname(path), { recursive: true });
			writeFileSync(path, file.bytes);
			const md5 = createHash('md5').update(file.bytes).digest('hex');
			await db.query(
				`insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata, created_at, updated_at, last_accessed_at)
				values ('downloads', $1, $2::uuid, $2::text, $3, $4, $5, $5, $5)
				on conflict (bucket_id, name) do update set version = excluded.version, metadata = excluded.metadata`,
				[name, STAFF.admin, objectVersion, { eTag: `"${md5}"`, size: file.bytes.length, mimetype: file.mime, cacheControl: 'max-age=3600', lastModified: at.toISOString(), contentLength: file.bytes.length, httpStatusCode: 200 }, at.toISOString()],
			);
			await db.query(
				`insert into public.download_versions (item_id, version, notes, storage_path, sha256, size_bytes, support_status, published_by, published_at)
				values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
				[itemId, v.version, v.notes, name, createHash('sha256').update(file.bytes).digest('hex'), file.bytes.length, v.status, STAFF.admin, at.toISOString()],
			);
			versions++;
			for (const [user, slug, version, daysAgo] of DOWNLOADED) {
				if (slug !== item.slug || version !== v.version) continue;
				await db.query(
					`insert into public.download_log (version_id, user_id, at) select id, $3, $4 from public.download_versions where item_id = $1 and version = $2`,
					[itemId, v.version, user, new Date(now - daysAgo * DAY).toISOString()],
				);
			}
		}
	}
	return { items, versions };
}
