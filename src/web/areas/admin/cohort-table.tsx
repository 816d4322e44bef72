import { Link, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import type { CohortSummary } from "../../api/admin-types.js";
import { formatDate } from "../../format/dates.js";
import { adminHash } from "./admin-route.js";
import { CohortStateBadge } from "./cohort-state-badge.js";

/** Cohorts with their lifecycle state and enrolment numbers; the name opens the cohort. */
export function CohortTable({ cohorts }: { cohorts: readonly CohortSummary[] }) {
  return (
    <Table aria-label="Cohorts" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Cohort</TableHeaderCell>
          <TableHeaderCell>State</TableHeaderCell>
          <TableHeaderCell>Enrolment opens</TableHeaderCell>
          <TableHeaderCell>Enrolment closes</TableHeaderCell>
          <TableHeaderCell>Mentors</TableHeaderCell>
          <TableHeaderCell>Executives</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {cohorts.map((c) => (
          <TableRow key={c.id} data-cohort={c.id}>
            <TableCell>
              <Link href={adminHash({ screen: "cohort", cohortId: c.id, tab: "settings" })}>{c.name}</Link>
            </TableCell>
            <TableCell>
              <CohortStateBadge state={c.state} />
            </TableCell>
            <TableCell>{formatDate(c.enrolmentOpensOn)}</TableCell>
            <TableCell>{formatDate(c.enrolmentClosesOn)}</TableCell>
            <TableCell>{c.enrolled.mentors.toLocaleString()}</TableCell>
            <TableCell>{c.enrolled.mentees.toLocaleString()}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
