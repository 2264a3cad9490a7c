// A generated documentation corpus for benchmarks: N articles across every type, with headings,
// lists, a table and a code block each, and valid frontmatter for our schema (which plain Starlight
// simply ignores). Deterministic: the same N gives the same files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TYPES = ['guide', 'manual', 'tutorial', 'troubleshooting', 'maintenance', 'faq', 'kb', 'alert', 'release-notes'];
// Each type in its real section folder, so both sites build a sidebar of the whole corpus.
const FOLDER = {
	guide: 'guias',
	manual: 'manual',
	tutorial: 'tutoriales',
	troubleshooting: 'solucion-de-problemas',
	maintenance: 'mantenimiento',
	faq: 'preguntas-frecuentes',
	kb: 'base-de-conocimiento',
	alert: 'alertas',
	'release-notes': 'notas-de-version',
};
const WORDS = 'documento expediente firma configurar instalación servidor usuario permiso respaldo índice búsqueda certificado sello flujo aprobación carga archivo error registro versión actualizar rendimiento memoria base datos correo notificación'.split(' ');

function rng(seed) {
	let s = seed;
	return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

function sentence(r, n = 14) {
	const words = Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]);
	return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
}

function extra(type, i) {
	const v = ['4.2', '5.0', '5.1'][i % 3];
	if (type === 'kb') return `kb:\n  symptom: ${sentence(rng(i), 8)}\n  cause: ${sentence(rng(i + 1), 8)}\n  solution: ${sentence(rng(i + 2), 8)}\n  affectedVersions: ["${v}"]\n  status: known-error\n`;
	if (type === 'alert') return `alert:\n  severity: medium\n  affectedVersions: ["${v}"]\n  published: 2026-10-01\n`;
	if (type === 'release-notes') return `release:\n  version: "${v}"\n  date: 2026-09-14\n`;
	return '';
}

export function writeCorpus(docsDir, count) {
	for (let i = 0; i < count; i++) {
		const type = TYPES[i % TYPES.length];
		const r = rng(i + 7);
		const dir = join(docsDir, FOLDER[type]);
		mkdirSync(dir, { recursive: true });
		const body = [
			sentence(r, 30),
			'## Contexto',
			Array.from({ length: 4 }, () => sentence(r)).join(' '),
			'## Pasos',
			Array.from({ length: 5 }, (_, k) => `${k + 1}. ${sentence(r, 10)}`).join('\n'),
			'| Clave | Valor |\n| --- | --- |\n' + Array.from({ length: 4 }, () => `| ${WORDS[Math.floor(r() * WORDS.length)]} | ${sentence(r, 4)} |`).join('\n'),
			'```bash\nqdocs-admin estado --detalle\n```',
			'## Resultado',
			Array.from({ length: 3 }, () => sentence(r)).join(' '),
		].join('\n\n');
		writeFileSync(
			join(dir, `articulo-${String(i).padStart(4, '0')}.md`),
			`---\ntitle: Artículo ${i} sobre ${WORDS[i % WORDS.length]}\ndescription: ${sentence(r, 10)}\ntype: ${type}\nproduct: quetzal-docs\nversions: ["${['4.2', '5.0', '5.1'][i % 3]}"]\nupdated: 2026-10-01\n${extra(type, i)}---\n\n${body}\n`,
		);
	}
}
