// The README's frontmatter reference and the article schema must describe the same fields.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { alertFields, articleFields, kbFields, releaseFields } from '../../src/schemas/article.ts';

const readme = readFileSync('README.md', 'utf8');
const reference = readme.slice(readme.indexOf('### Frontmatter reference'), readme.indexOf('## The support programme'));
const documented = new Set([...reference.matchAll(/^\| `([\w.]+)` \|/gm)].map((m) => m[1]));

const schemaFields = [
	...Object.keys(articleFields.shape),
	...Object.keys(kbFields.shape).map((k) => `kb.${k}`),
	...Object.keys(alertFields.shape).map((k) => `alert.${k}`),
	...Object.keys(releaseFields.shape).map((k) => `release.${k}`),
];

describe('README frontmatter reference', () => {
	it('documents every field of the schema', () => {
		expect(schemaFields.filter((f) => !documented.has(f))).toEqual([]);
	});

	it('documents no field the schema lacks', () => {
		expect([...documented].filter((f) => !schemaFields.includes(f))).toEqual([]);
	});

	it('lists the allowed values of every enum as the schema has them', () => {
		const row = (field: string) => reference.split('\n').find((l) => l.startsWith(`| \`${field}\` |`))!;
		for (const [field, schema] of [['type', articleFields.shape.type], ['kb.status', kbFields.shape.status], ['alert.severity', alertFields.shape.severity]] as const) {
			for (const value of schema.options) expect(row(field), field).toContain(`\`${value}\``);
		}
	});
});
