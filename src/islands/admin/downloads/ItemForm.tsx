// Registers an item of the download catalogue (create_download_item): its slug (the address
// /descargas/?item=<slug>), name, kind, who may download it and the product it belongs to.
import { useState } from 'preact/hooks';
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { fill } from '../../shared/labels.ts';
import { useFieldErrors } from '../use-field-errors.ts';
import { Field, controlProps } from '../Field.tsx';
import type { AdminProps } from '../props.ts';
import { createItem, type Kind, type NewItem, type Visibility } from './downloads-api.ts';
import { Options } from '../../shared/Options.tsx';
import { Done, Submit } from '../FormEnd.tsx';

const KINDS: Kind[] = ['software', 'document', 'tool'];
const VISIBILITIES: Visibility[] = ['public', 'members', 'contract'];
const FIELD_OF: Record<string, keyof NewItem> = {
	invalid_slug: 'slug',
	download_slug_taken: 'slug',
	invalid_name: 'name',
	product_not_found: 'product',
	invalid_description: 'description',
};

/** "Quetzal Docs servidor" → "quetzal-docs-servidor". */
export function slugOf(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 100);
}

export function ItemForm({ client, props, onCreated }: { client: SupabaseClient; props: AdminProps; onCreated: (id: string) => void }) {
	const { labels } = props;
	const [item, setItem] = useState<NewItem>({ slug: '', name: '', kind: 'software', visibility: 'contract', product: null, description: '' });
	const [slugTouched, setSlugTouched] = useState(false);
	const { form, errors, formError, setFormError, found, refused } = useFieldErrors<keyof NewItem>('admin-item-', labels);
	const [done, setDone] = useState('');
	const [busy, setBusy] = useState(false);

	const set = (patch: Partial<NewItem>) => setItem((i) => ({ ...i, ...patch }));

	async function submit(e: Event) {
		e.preventDefault();
		setDone('');
		setFormError('');
		const problems: Partial<Record<keyof NewItem, string>> = {};
		if (!item.name.trim()) problems.name = labels['item.nameMissing'];
		if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(item.slug)) problems.slug = labels['error.invalid_slug'];
		if (found(problems, ['name', 'slug'])) return;
		setBusy(true);
		const result = await createItem(client, { ...item, name: item.name.trim(), description: item.description.trim() });
		setBusy(false);
		if (!result.ok) return refused(result, FIELD_OF);
		setDone(fill(labels['item.created'], { name: item.name.trim() }));
		setItem({ slug: '', name: '', kind: item.kind, visibility: item.visibility, product: item.product, description: '' });
		setSlugTouched(false);
		onCreated(result.data.id);
	}

	return (
		<section class="admin-panel" aria-labelledby="admin-item-heading">
			<h2 id="admin-item-heading">{labels['item.heading']}</h2>
			<form ref={form} class="mostrador-form" onSubmit={submit} noValidate>
				<Field id="admin-item-name" label={labels['item.name']} error={errors.name}>
					<input
						{...controlProps('admin-item-name', undefined, errors.name)}
						value={item.name}
						maxLength={200}
						onInput={(e) => {
							const name = e.currentTarget.value;
							set(slugTouched ? { name } : { name, slug: slugOf(name) });
						}}
					/>
				</Field>
				<Field id="admin-item-slug" label={labels['item.slug']} hint={labels['item.slugHint']} error={errors.slug}>
					<input
						{...controlProps('admin-item-slug', labels['item.slugHint'], errors.slug)}
						value={item.slug}
						maxLength={100}
						autocomplete="off"
						spellcheck={false}
						onInput={(e) => {
							setSlugTouched(true);
							set({ slug: e.currentTarget.value });
						}}
					/>
				</Field>
				<Field id="admin-item-kind" label={labels['item.kind']}>
					<select id="admin-item-kind" value={item.kind} onChange={(e) => set({ kind: e.currentTarget.value as Kind })}>
						{KINDS.map((k) => (
							<option key={k} value={k}>
								{labels[`kind.${k}`]}
							</option>
						))}
					</select>
				</Field>
				<Field id="admin-item-visibility" label={labels['item.visibility']}>
					<select id="admin-item-visibility" value={item.visibility} onChange={(e) => set({ visibility: e.currentTarget.value as Visibility })}>
						{VISIBILITIES.map((v) => (
							<option key={v} value={v}>
								{labels[`visibility.${v}`]}
							</option>
						))}
					</select>
				</Field>
				<Field id="admin-item-product" label={labels['item.product']} error={errors.product}>
					<select {...controlProps('admin-item-product', undefined, errors.product)} value={item.product ?? ''} onChange={(e) => set({ product: e.currentTarget.value || null })}>
						<option value="">{labels['item.noProduct']}</option>
						<Options items={props.products} />
					</select>
				</Field>
				<Field id="admin-item-description" label={labels['item.description']} error={errors.description}>
					<textarea
						{...controlProps('admin-item-description', undefined, errors.description)}
						rows={3}
						maxLength={5000}
						value={item.description}
						onInput={(e) => set({ description: e.currentTarget.value })}
					/>
				</Field>
				<Submit error={formError} busy={busy} text={labels['item.submit']} busyText={labels['item.submitting']} />
				<Done text={done} />
			</form>
		</section>
	);
}
