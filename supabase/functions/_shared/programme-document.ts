// A programme as the database keeps it (public.programmes.document), validated with the programme
// schema once per version of the document: functions read it on every request or sweep.
import { programme as programmeSchema, type Programme } from './programme.ts';

const parsed = new Map<string, { source: string; programme: Programme }>();

export function programmeFromDocument(id: string, document: unknown): Programme {
	const source = JSON.stringify(document);
	const cached = parsed.get(id);
	if (cached?.source === source) return cached.programme;
	const programme = programmeSchema.parse(document);
	parsed.set(id, { source, programme });
	return programme;
}
