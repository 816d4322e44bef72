import { Badge, type BadgeProps } from "@fluentui/react-components";
import type { CohortState } from "../../api/admin-types.js";

export const COHORT_STATE_LABELS: Record<CohortState, string> = {
  draft: "Draft",
  enrolling: "Enrolling",
  matching: "Matching",
  published: "Published",
  scheduled: "Scheduled",
  closed: "Closed",
};

const COLOURS: Record<CohortState, BadgeProps["color"]> = {
  draft: "subtle",
  enrolling: "brand",
  matching: "informative",
  published: "success",
  scheduled: "success",
  closed: "subtle",
};

export function CohortStateBadge({ state }: { state: CohortState }) {
  return (
    <Badge appearance="tint" shape="rounded" color={COLOURS[state]} data-cohort-state={state}>
      {COHORT_STATE_LABELS[state]}
    </Badge>
  );
}
