// Product and version, from content/support/products.yaml (newest version first); both optional, the
// version list follows the product.
import { Field } from './Field.tsx';
import type { TicketFormLabels } from './labels.ts';
import type { ProductOption } from './types.ts';
import { Options } from '../shared/Options.tsx';

export interface ProductFieldsProps {
	idPrefix: string;
	products: ProductOption[];
	product: string;
	version: string;
	errors: { product_id?: string; version?: string };
	labels: TicketFormLabels;
	onChange(product: string, version: string): void;
}

export function ProductFields({ idPrefix, products, product, version, errors, labels, onChange }: ProductFieldsProps) {
	const versions = products.find((p) => p.id === product)?.versions ?? [];
	return (
		<div class="ticket-form-row">
			<Field id={`${idPrefix}-product`} label={labels.product} optional={labels.optional} error={errors.product_id}>
				{(aria) => (
					<select
						{...aria}
						data-field="product_id"
						value={product}
						onChange={(e) => {
							const next = e.currentTarget.value;
							const nextVersions = products.find((p) => p.id === next)?.versions ?? [];
							onChange(next, nextVersions.includes(version) ? version : '');
						}}
					>
						<option value="">{labels.productNone}</option>
						<Options items={products} />
					</select>
				)}
			</Field>
			<Field id={`${idPrefix}-version`} label={labels.version} optional={labels.optional} error={errors.version}>
				{(aria) => (
					<select {...aria} data-field="version" value={version} disabled={!product} onChange={(e) => onChange(product, e.currentTarget.value)}>
						<option value="">{labels.versionUnknown}</option>
						{versions.map((v) => (
							<option key={v} value={v}>
								{v}
							</option>
						))}
					</select>
				)}
			</Field>
		</div>
	);
}
