// Who the demo's history is about: the organisations and people supabase/demo.sql creates, by the ids
// it gives them. Kept in one place so the stories, the loader and the test name the same people.

const person = (n: number) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;
const organisation = (n: number) => `00000000-0000-4000-b000-${String(n).padStart(12, '0')}`;

export const STAFF = {
	agent: person(5),
	lead: person(6),
	admin: person(7),
	specialist: person(16),
} as const;

export interface DemoOrganisation {
	id: string;
	programme: string;
	coordinator: string;
	contact: string;
	member: string;
}

export const ORGS = {
	sanPedro: { id: organisation(1), programme: 'estandar-extendido', coordinator: person(1), contact: person(8), member: person(2) },
	andina: { id: organisation(2), programme: 'implementacion', coordinator: person(3), contact: person(9), member: person(4) },
	norte: { id: organisation(3), programme: 'soporte-nativo', coordinator: person(10), contact: person(11), member: person(12) },
	alcala: { id: organisation(4), programme: 'membresia', coordinator: person(13), contact: person(14), member: person(15) },
} as const satisfies Record<string, DemoOrganisation>;

export type OrgKey = keyof typeof ORGS;
