import { Caption1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import type { Unmatched } from "../../api/admin-types.js";
import { EmptyState } from "../../components/empty-state.js";
import { PersonCell } from "./person-cell.js";
import { TablePager, usePage } from "./table-pager.js";

const PAGE_SIZE = 20;

/** The kind of reason, in words (the reason itself says the details). */
const CATEGORY: Record<string, string> = {
  noCompatiblePartner: "No compatible partner",
  partnersTakenElsewhere: "Compatible partners are matched elsewhere",
  invalidProfile: "Cannot take part",
  nobodyOnOtherSide: "Nobody enrolled on the other side",
  pairRemoved: "Pair removed",
};

/** Everyone the matching left without a partner, and why, in words. */
export function UnmatchedList({ unmatched }: { unmatched: readonly Unmatched[] }) {
  const { rows, page, pageCount, setPage } = usePage(unmatched, PAGE_SIZE);
  if (unmatched.length === 0) return <EmptyState title="Everyone enrolled is matched" />;
  return (
    <>
      <Table aria-label="People not matched" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Person</TableHeaderCell>
            <TableHeaderCell>Role</TableHeaderCell>
            <TableHeaderCell>Why not matched</TableHeaderCell>
            <TableHeaderCell>Compatible partners</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((u) => (
            <TableRow key={`${u.role}:${u.person.id}`} data-unmatched={u.code}>
              <TableCell>
                <PersonCell person={u.person} />
              </TableCell>
              <TableCell>{u.role === "mentor" ? "Mentor" : "Executive"}</TableCell>
              <TableCell>
                {u.reason}
                <Caption1 block>{CATEGORY[u.code] ?? u.code}</Caption1>
              </TableCell>
              <TableCell>{u.compatiblePartners.toLocaleString()}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <TablePager label="People not matched" page={page} pageCount={pageCount} pageSize={PAGE_SIZE} total={unmatched.length} onPage={setPage} />
    </>
  );
}
