// The support team's publishing and organisations page (/admin/, /en/admin/): downloads, alert
// notifications, comment moderation and, for admins, organisations. Signed out, it asks the visitor
// to sign in; signed in as a customer, it says plainly the page is for the support team (every RPC
// behind it refuses them as well). supabase-js loads when the island hydrates.
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../shared/use-session.ts';
import { useStaff, type StaffRole } from './use-staff.ts';
import { ADMIN_ONLY, SECTIONS, sectionFrom, type Section } from './sections.ts';
import type { AdminProps } from './props.ts';
import type { SupabaseClient } from '@supabase/supabase-js';
import { Publishing } from './downloads/Publishing.tsx';
import { AlertNotices } from './alerts/AlertNotices.tsx';
import { CommentModeration } from './comments/CommentModeration.tsx';
import { Organisations } from './organisations/Organisations.tsx';

function Status({ text, alert = false }: { text: string; alert?: boolean }) {
	return alert ? (
		<p class="mostrador-error" role="alert">
			{text}
		</p>
	) : (
		<p class="mostrador-status" aria-live="polite">
			{text}
		</p>
	);
}

export default function Admin(props: AdminProps) {
	const { labels, paths } = props;
	const session = useSession();
	if (session.status === 'loading') return <Status text={labels.loading} />;
	if (session.status === 'unavailable') return <Status text={labels.unavailable} alert />;
	if (session.status === 'signed-out')
		return (
			<p class="admin-gate">
				{labels.signedOut}{' '}
				<a href={paths.account}>{labels.signIn}</a>
			</p>
		);
	return <StaffOnly key={session.user.id} client={session.client} userId={session.user.id} props={props} />;
}

function StaffOnly({ client, userId, props }: { client: SupabaseClient; userId: string; props: AdminProps }) {
	const { labels } = props;
	const staff = useStaff(client, userId);
	if (staff.status === 'loading') return <Status text={labels.loading} />;
	if (staff.status === 'unavailable') return <Status text={labels.unavailable} alert />;
	if (staff.status === 'not-staff')
		return (
			<p class="admin-gate" role="alert">
				{labels.staffOnly}
			</p>
		);
	return <Sections client={client} role={staff.role} props={props} />;
}

const SECTION_LABEL = { descargas: 'nav.downloads', alertas: 'nav.alerts', comentarios: 'nav.comments', organizaciones: 'nav.organisations' } as const;

function Sections({ client, role, props }: { client: SupabaseClient; role: StaffRole; props: AdminProps }) {
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
			) : (
				<Organisations client={client} props={props} />
			)}
		</div>
	);
}
