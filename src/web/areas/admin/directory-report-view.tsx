import { Caption1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { DirectoryReport } from "../../api/admin-types.js";
import { badDataRows } from "./bad-data-rows.js";
import { FactList } from "./fact-list.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  count: { width: "96px" },
  sample: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: "break-all" },
});

export function DirectoryReportView({ report }: { report: DirectoryReport }) {
  const styles = useStyles();
  const r = report.report;
  return (
    <div className={styles.root} data-directory-report={report.jobId}>
      <FactList
        label="Last directory sync"
        facts={[
          ["Last sync", new Date(report.lastSyncAt).toLocaleString()],
          ["Kind", r.mode === "full" ? "Full" : "Changes only"],
          ["People", r.people.toLocaleString()],
          ["Changes read", r.changesRead.toLocaleString()],
          ["Written", r.written.toLocaleString()],
          ["Removed", r.deleted.toLocaleString()],
          ["Top-level people", r.roots.toLocaleString()],
          ["Detached from the org chart", r.detached.toLocaleString()],
        ]}
      />
      <Table aria-label="Directory data the matching works around" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Problem</TableHeaderCell>
            <TableHeaderCell className={styles.count}>Count</TableHeaderCell>
            <TableHeaderCell>Examples</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {badDataRows(r).map((row) => (
            <TableRow key={row.kind} data-bad-data={row.kind}>
              <TableCell>{row.what}</TableCell>
              <TableCell>{row.count.toLocaleString()}</TableCell>
              <TableCell>
                {row.sample.length === 0 ? (
                  <Caption1>None</Caption1>
                ) : (
                  <Text className={styles.sample}>
                    {row.sample.slice(0, 5).join(", ")}
                    {row.count > 5 ? ", …" : ""}
                  </Text>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
