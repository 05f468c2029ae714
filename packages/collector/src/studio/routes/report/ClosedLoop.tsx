// A survey's closed loop in the report: how many of its detractor (unhappy)
// answers in the range the team closed, and the median time to close, with
// a link to the inbox showing the ones still open. A chunk of its own
// (loaded by the report, like its charts), so the first bundle stays small.
import { Link } from '../../router.js';
import { duration } from './duration.js';
import { fmt } from './format.js';

/** One survey's figures, as GET /v1/admin/sites/:site/closed-loop gives them. */
export interface ClosedLoopRow {
  surveyId: string;
  kind: string;
  detractors: number;
  closed: number;
  closedShare: number;
  medianSecondsToClose: number | null;
}

export function ClosedLoop({ site, row, surveyId, kind, from, to }: { site: string; row: ClosedLoopRow | undefined; surveyId: string; kind: string; from: string; to: string }) {
  const band = kind === 'nps' ? 'detractor' : 'unhappy';
  const open = row ? row.detractors - row.closed : 0;
  const inbox = `/studio/responses?${new URLSearchParams({ site, survey: surveyId, band, status: 'open', from, to })}`;
  return (
    <div class="wide closed-loop">
      <h3>Closed loop</h3>
      <p>
        {row
          ? `${row.closed} of ${row.detractors} ${band} answers closed (${fmt(row.closedShare * 100, 0)} %)${row.medianSecondsToClose === null ? '' : `, median ${duration(row.medianSecondsToClose)} to close`}. `
          : `No ${band} answers in this range. `}
        {open > 0 && <Link href={inbox}>{`The ${open} still open, in the inbox`}</Link>}
      </p>
    </div>
  );
}
