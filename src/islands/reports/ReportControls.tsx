// Which organisation and month to show: a plain GET form, so the address always says what is on the
// page and can be bookmarked or sent. Not printed.
import type { ReportLabels } from './labels.ts';
import { Options } from '../shared/Options.tsx';

interface Props {
	labels: ReportLabels;
	organisations: { id: string; name: string }[];
	org: string | null;
	month: string;
}

export default function ReportControls({ labels, organisations, org, month }: Props) {
	return (
		<form class="mostrador-form report-controls" method="get" aria-label={labels.controls}>
			<div class="report-controls-fields">
				<div>
					<label for="report-org">{labels.organisation}</label>
					<select id="report-org" name="org" value={org ?? ''} required>
						{!org && <option value="">—</option>}
						<Options items={organisations} />
					</select>
				</div>
				<div>
					<label for="report-month">{labels.month}</label>
					<input id="report-month" name="mes" type="month" value={month} required pattern="\d{4}-\d{2}" />
				</div>
			</div>
			<button class="mostrador-button" type="submit">
				{labels.show}
			</button>
		</form>
	);
}
