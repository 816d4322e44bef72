import { useMemo, useState } from "react";
import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { LockClosedRegular, LockOpenRegular, ProhibitedRegular, SearchRegular } from "@fluentui/react-icons";
import type { ProposedPair } from "../../api/admin-types.js";
import { EmptyState } from "../../components/empty-state.js";
import { score } from "./admin-format.js";
import { PersonCell } from "./person-cell.js";
import { filterPairs, type PairFilter } from "./proposal-filter.js";
import { TablePager, usePage } from "./table-pager.js";

const PAGE_SIZE = 25;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  filters: { display: "flex", gap: tokens.spacingHorizontalL, flexWrap: "wrap", alignItems: "end" },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  actions: { display: "flex", gap: tokens.spacingHorizontalXS, flexWrap: "wrap" },
  narrow: { width: "72px" },
  why: { width: "32%" },
  state: { width: "104px" },
  actionsColumn: { width: "176px" },
  swap: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
});

export interface ProposalTableProps {
  pairs: readonly ProposedPair[];
  /** Changes are allowed (not published yet) and none is running. */
  editable: boolean;
  busy: boolean;
  onLock: (pair: ProposedPair, lock: boolean) => void;
  onForbid: (pair: ProposedPair) => void;
  onSwap: (a: ProposedPair, b: ProposedPair) => void;
}

/** The proposed pairs with scores and reasons; filters; lock / unlock, forbid, and swap two pairs. */
export function ProposalTable({ pairs, editable, busy, onLock, onForbid, onSwap }: ProposalTableProps) {
  const styles = useStyles();
  const [filter, setFilter] = useState<PairFilter>({ text: "", minScore: "", lockedOnly: false });
  const [selected, setSelected] = useState<string[]>([]);
  const shown = useMemo(() => filterPairs(pairs, filter), [pairs, filter]);
  const { rows, page, pageCount, setPage } = usePage(shown, PAGE_SIZE);
  const chosen = selected.flatMap((id) => pairs.filter((p) => p.id === id));
  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...s.filter((x) => x !== id), id].slice(-2) : s.filter((x) => x !== id)));

  return (
    <div className={styles.root}>
      <div className={styles.filters} role="search" aria-label="Filter pairs">
        <Field label="Name or department">
          <Input contentBefore={<SearchRegular aria-hidden />} value={filter.text} onChange={(_, d) => setFilter((f) => ({ ...f, text: d.value }))} />
        </Field>
        <Field label="Minimum score">
          <Input type="number" value={filter.minScore} onChange={(_, d) => setFilter((f) => ({ ...f, minScore: d.value }))} />
        </Field>
        <Switch label="Locked pairs only" checked={filter.lockedOnly} onChange={(_, d) => setFilter((f) => ({ ...f, lockedOnly: d.checked }))} />
      </div>
      {editable ? (
        <div className={styles.swap} aria-live="polite">
          <Button disabled={busy || chosen.length !== 2} onClick={() => chosen.length === 2 && onSwap(chosen[0]!, chosen[1]!)}>
            Swap mentors of the two selected pairs
          </Button>
          <span>{chosen.length === 2 ? `${chosen[0]!.mentor.displayName} ⇄ ${chosen[1]!.mentor.displayName}` : `Select two pairs to swap their mentors (${chosen.length} selected).`}</span>
        </div>
      ) : null}
      {shown.length === 0 ? (
        <EmptyState title={pairs.length === 0 ? "No pairs proposed" : "No pair matches these filters"} />
      ) : (
        <>
          <Table aria-label="Proposed pairs" size="small">
            <TableHeader>
              <TableRow>
                {editable ? <TableHeaderCell className={styles.narrow}>Select</TableHeaderCell> : null}
                <TableHeaderCell>Mentor</TableHeaderCell>
                <TableHeaderCell>Executive</TableHeaderCell>
                <TableHeaderCell className={styles.narrow}>Score</TableHeaderCell>
                <TableHeaderCell className={styles.why}>Why</TableHeaderCell>
                <TableHeaderCell className={styles.state}>State</TableHeaderCell>
                {editable ? <TableHeaderCell className={styles.actionsColumn}>Actions</TableHeaderCell> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((p) => {
                const names = `${p.mentor.displayName} and ${p.mentee.displayName}`;
                return (
                  <TableRow key={p.id} data-pair={p.id} data-locked={p.locked}>
                    {editable ? (
                      <TableCell>
                        <Checkbox aria-label={`Select the pair ${names}`} checked={selected.includes(p.id)} onChange={(_, d) => toggle(p.id, d.checked === true)} />
                      </TableCell>
                    ) : null}
                    <TableCell>
                      <PersonCell person={p.mentor} />
                    </TableCell>
                    <TableCell>
                      <PersonCell person={p.mentee} />
                    </TableCell>
                    <TableCell data-score>{score(p.score)}</TableCell>
                    <TableCell>
                      <ul className={styles.reasons}>
                        {p.reasons.map((r) => (
                          <li key={r.term}>
                            {r.text} ({r.points >= 0 ? "+" : ""}
                            {score(r.points)})
                          </li>
                        ))}
                      </ul>
                    </TableCell>
                    <TableCell>
                      {p.state === "vetoed" ? (
                        <Badge color="danger" appearance="tint" title={p.veto?.reason}>
                          Vetoed
                        </Badge>
                      ) : p.locked ? (
                        <Badge color="brand" appearance="tint" icon={<LockClosedRegular />}>
                          Locked
                        </Badge>
                      ) : (
                        <Badge color="subtle" appearance="tint">
                          {p.state === "active" ? "Active" : "Proposed"}
                        </Badge>
                      )}
                    </TableCell>
                    {editable ? (
                      <TableCell>
                        <div className={styles.actions}>
                          <Button
                            size="small"
                            icon={p.locked ? <LockOpenRegular /> : <LockClosedRegular />}
                            disabled={busy}
                            aria-label={`${p.locked ? "Unlock" : "Lock"} the pair ${names}`}
                            onClick={() => onLock(p, !p.locked)}
                          >
                            {p.locked ? "Unlock" : "Lock"}
                          </Button>
                          <Button size="small" icon={<ProhibitedRegular />} disabled={busy} aria-label={`Forbid the pair ${names}`} onClick={() => onForbid(p)}>
                            Forbid
                          </Button>
                        </div>
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          <TablePager label="Proposed pairs" page={page} pageCount={pageCount} pageSize={PAGE_SIZE} total={shown.length} onPage={setPage} />
        </>
      )}
    </div>
  );
}
