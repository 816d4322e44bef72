import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowDownloadRegular } from "@fluentui/react-icons";
import { EXPORT_KINDS, type ExportKind } from "../../api/admin-types.js";
import { adminEndpoints } from "../../api/endpoints.js";
import { ErrorState } from "../../components/error-state.js";
import { useAdminAction } from "./use-admin-action.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

const LABELS: Record<ExportKind, string> = { pairs: "Pairs", sessions: "Sessions", feedback: "Feedback" };

/** Saves a Blob under a file name (the download attribute works for same-origin object URLs). */
function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked on the next task: the click has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * CSV downloads. A plain link cannot carry the Bearer token, so the file is fetched with it and handed
 * to the browser as an object URL.
 */
export function CsvExports({ cohortId, cohortName }: { cohortId: string; cohortName: string }) {
  const styles = useStyles();
  const action = useAdminAction();
  const download = async (kind: ExportKind) => {
    const file = await action.run(kind, (api) => api.download(adminEndpoints.exportCsv(cohortId, kind), { headers: { Accept: "text/csv, application/problem+json" } }));
    if (file) saveFile(file.blob, file.filename ?? `${cohortName.replace(/[^\w-]+/g, "-")}-${kind}.csv`);
  };
  return (
    <div className={styles.root} role="group" aria-label="Export as CSV">
      <div className={styles.buttons}>
        {EXPORT_KINDS.map((kind) => (
          <Button key={kind} icon={<ArrowDownloadRegular />} disabled={action.busy !== null} onClick={() => void download(kind)}>
            {action.busy === kind ? "Exporting…" : `Export ${LABELS[kind].toLowerCase()} (CSV)`}
          </Button>
        ))}
      </div>
      {action.error ? <ErrorState error={action.error} /> : null}
    </div>
  );
}
