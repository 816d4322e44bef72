import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { ApiClient } from "../../api/client.js";
import { meEndpoints } from "../../api/endpoints.js";
import { decodeMyPair } from "../../api/programme-decoders.js";
import type { MyPair } from "../../api/programme-types.js";
import { ConfirmDialog } from "../../components/confirm-dialog.js";
import { useAction } from "./use-action.js";

const useStyles = makeStyles({ actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" } });

const VETO_REASON = { label: "Why this pair does not work for you", required: true, maxLength: 500 };

/** Veto a proposed pair (the executive), pause or resume an active one (either person). */
export function PairActions({ pair, onChange }: { pair: MyPair; onChange: (pair: MyPair) => void }) {
  const styles = useStyles();
  const perform = (action: "veto" | "pause" | "resume") => (api: ApiClient, signal: AbortSignal, reason: string) =>
    api.post(meEndpoints.pairAction(pair.id, action), action === "veto" ? { reason } : {}, decodeMyPair, { signal });
  const veto = useAction(perform("veto"), onChange);
  const pause = useAction(perform("pause"), onChange);
  const resume = useAction(perform("resume"), onChange);
  const name = pair.counterpart.displayName;

  if (!pair.canVeto && pair.state !== "active" && pair.state !== "paused") return null;
  return (
    <div className={styles.actions}>
      {pair.canVeto ? (
        <ConfirmDialog
          trigger={<Button>Veto this pair</Button>}
          title={`Veto the pair with ${name}?`}
          confirmLabel="Veto the pair"
          reason={VETO_REASON}
          onConfirm={(r) => veto.run(r)}
          pending={veto.pending}
          error={veto.error}
          destructive
        >
          {name} will not become your mentor in {pair.cohortName}, and the matching will not propose this pair again. Your reason is shown to the
          programme team only; {name} is not told why.
        </ConfirmDialog>
      ) : null}
      {pair.state === "active" ? (
        <ConfirmDialog
          trigger={<Button>Pause the pair</Button>}
          title={`Pause your sessions with ${name}?`}
          confirmLabel="Pause"
          onConfirm={() => pause.run("")}
          pending={pause.pending}
          error={pause.error}
        >
          Every future session with {name} in {pair.cohortName} is cancelled and its Outlook invitation withdrawn; {name} is told. When either of
          you resumes, the app books the remaining sessions again in free time.
        </ConfirmDialog>
      ) : null}
      {pair.state === "paused" ? (
        <ConfirmDialog
          trigger={<Button appearance="primary">Resume the pair</Button>}
          title={`Resume your sessions with ${name}?`}
          confirmLabel="Resume"
          onConfirm={() => resume.run("")}
          pending={resume.pending}
          error={resume.error}
        >
          The app books the remaining sessions of {pair.cohortName} again into free time in both calendars and sends new invitations.
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
