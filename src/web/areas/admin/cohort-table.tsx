import { Badge, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, type BadgeProps } from "@fluentui/react-components";
import type { AdminCohortSummary, CohortState } from "../../api/programme-types.js";
import { formatDate } from "../../format/dates.js";

const STATE: Record<CohortState, { label: string; color: BadgeProps["color"] }> = {
  draft: { label: "Draft", color: "subtle" },
  enrolling: { label: "Enrolling", color: "brand" },
  matching: { label: "Matching", color: "informative" },
  published: { label: "Published", color: "success" },
  scheduled: { label: "Scheduled", color: "success" },
  closed: { label: "Closed", color: "subtle" },
};

/** Cohorts with their lifecycle state and enrolment numbers. */
export function CohortTable({ cohorts }: { cohorts: readonly AdminCohortSummary[] }) {
  return (
    <Table aria-label="Cohorts" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Cohort</TableHeaderCell>
          <TableHeaderCell>State</TableHeaderCell>
          <TableHeaderCell>Enrolment closes</TableHeaderCell>
          <TableHeaderCell>Mentors</TableHeaderCell>
          <TableHeaderCell>Executives</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {cohorts.map((c) => (
          <TableRow key={c.id} data-cohort={c.id}>
            <TableCell>{c.name}</TableCell>
            <TableCell>
              <Badge appearance="tint" shape="rounded" color={STATE[c.state].color}>
                {STATE[c.state].label}
              </Badge>
            </TableCell>
            <TableCell>{formatDate(c.enrolmentClosesOn)}</TableCell>
            <TableCell>{c.enrolled.mentors}</TableCell>
            <TableCell>{c.enrolled.mentees}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
