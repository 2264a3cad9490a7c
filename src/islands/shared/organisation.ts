// An organisation's row as the islands read it (account, admin, agent workspace).
export interface OrganisationRow {
	id: string;
	name: string;
	programme_id: string;
	plan_id: string;
	contract_start: string;
	contract_end: string | null;
	timezone: string;
}
