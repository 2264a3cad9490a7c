// The support team's publishing and organisations page (/admin/, /en/admin/): downloads, alert
// notifications, comment moderation, the knowledge-gap report and, for admins, organisations, the support team and a warning
// when a calendar lists no holidays for next year. Signed out, it asks the visitor
// to sign in; signed in as a customer, it says plainly the page is for the support team (every RPC
// behind it refuses them as well). supabase-js loads when the island hydrates.
import { useEffect, useState } from 'preact/hooks';
import { SessionGate } from '../shared/SessionGate.tsx';
import { Loading, SignInPrompt, Unavailable } from '../shared/states.tsx';
import { useStaff, type StaffRole } from '../shared/use-staff.ts';
import { ADMIN_ONLY, SECTIONS, sectionFrom, type Section } from './sections.ts';
import type { AdminProps } from './props.ts';
import type { SupabaseClient } from '../../lib/supabase.ts';
import { Publishing } from './downloads/Publishing.tsx';
import { AlertNotices } from './alerts/AlertNotices.tsx';
import { CommentModeration } from './comments/CommentModeration.tsx';
import { Organisations } from './organisations/Organisations.tsx';
import { Staff } from './staff/Staff.tsx';
import { KnowledgeGaps } from './gaps/KnowledgeGaps.tsx';

export default function Admin(props: AdminProps) {
	const { labels, paths } = props;
	return (
		<SessionGate labels={labels} live="polite" signedOut={() => <SignInPrompt class="admin-gate" text={labels.signedOut} link={labels.signIn} href={paths.account} />}>
			{(session) => <StaffOnly key={session.user.id} client={session.client} userId={session.user.id} props={props} />}
		</SessionGate>
	);
}

function StaffOnly({ client, userId, props }: { client: SupabaseClient; userId: string; props: AdminProps }) {
	const { labels } = props;
	const staff = useStaff(client, userId);
	if (staff.status === 'loading') return <Loading text={labels.loading} live="polite" />;
	// A refusal to read one's own staff row means no staff row to read.
	if (staff.status === 'failed' && staff.failure.error === 'unavailable') return <Unavailable text={labels.unavailable} />;
	if (staff.status !== 'staff')
		return (
			<p class="admin-gate" role="alert">
				{labels.staffOnly}
			</p>
		);
	return <Sections client={client} role={staff.role} userId={userId} props={props} />;
}

const SECTION_LABEL = { descargas: 'nav.downloads', alertas: 'nav.alerts', comentarios: 'nav.comments', lagunas: 'nav.gaps', organizaciones: 'nav.organisations', equipo: 'nav.staff' } as const;

function Sections({ client, role, userId, props }: { client: SupabaseClient; role: StaffRole; userId: string; props: AdminProps }) {
	const { labels } = props;
	const [section, setSection] = useState<Section | undefined>(undefined);
	useEffect(() => setSection(sectionFrom(location.search)), []);
	if (!section) return null;
	const visible = SECTIONS.filter((s) => role === 'admin' || !ADMIN_ONLY.includes(s));
	const allowed = visible.includes(section);
	return (
		<div class="admin">
			<nav class="admin-nav" aria-label={labels['nav.label']}>
				<ul>
					{visible.map((s) => (
						<li key={s}>
							<a href={`?seccion=${s}`} aria-current={s === section ? 'page' : undefined}>
								{labels[SECTION_LABEL[s]]}
							</a>
						</li>
					))}
				</ul>
			</nav>
			{role === 'admin' && props.calendarWarnings.length > 0 && <CalendarWarnings props={props} />}
			{!allowed ? (
				<p class="admin-gate" role="alert">
					{labels.adminOnly}
				</p>
			) : section === 'descargas' ? (
				<Publishing client={client} props={props} />
			) : section === 'alertas' ? (
				<AlertNotices client={client} props={props} />
			) : section === 'comentarios' ? (
				<CommentModeration client={client} props={props} />
			) : section === 'lagunas' ? (
				<KnowledgeGaps client={client} props={props} />
			) : section === 'equipo' ? (
				<Staff client={client} props={props} userId={userId} />
			) : (
				<Organisations client={client} props={props} />
			)}
		</div>
	);
}

/** The calendars whose holiday list has run out for next year (computed when the site was built). */
function CalendarWarnings({ props }: { props: AdminProps }) {
	const { labels } = props;
	return (
		<section class="admin-panel admin-warning" aria-labelledby="admin-calendars-heading">
			<h2 id="admin-calendars-heading">{labels['calendars.heading']}</h2>
			<p>{labels['calendars.intro']}</p>
			<ul>
				{props.calendarWarnings.map((w) => (
					<li key={w}>
						<code>{w}</code>
					</li>
				))}
			</ul>
		</section>
	);
}
