import { useCallback, useEffect, useMemo, useState } from "react";
import { Button, MessageBar, MessageBarBody, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { PeopleTeamRegular } from "@fluentui/react-icons";
import { decodeJob, decodeJobStarted, decodeProposal, decodePublishResult } from "../../api/admin-decoders.js";
import type { Cohort, Proposal, ProposedPair, PublishResult } from "../../api/admin-types.js";
import type { ApiClient } from "../../api/client.js";
import { adminEndpoints } from "../../api/endpoints.js";
import { ConfirmDialog } from "../../components/confirm-dialog.js";
import { EmptyState } from "../../components/empty-state.js";
import { ErrorState } from "../../components/error-state.js";
import { ResourceView } from "../../components/resource-view.js";
import { useApiResource } from "../../hooks/use-api-resource.js";
import { percent, score } from "./admin-format.js";
import { FactList } from "./fact-list.js";
import { JobProgress } from "./job-progress.js";
import { ProposalRules } from "./proposal-rules.js";
import { ProposalTable } from "./proposal-table.js";
import { UnmatchedList } from "./unmatched-list.js";
import { useAdminAction } from "./use-admin-action.js";
import { useCurrentData } from "./use-current-data.js";
import { useJobRun } from "./use-job-poll.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL, paddingTop: tokens.spacingVerticalL },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
});

export interface MatchingPanelProps {
  cohort: Cohort;
  /** The cohort's state may have moved (enrolling → matching, → published). */
  onCohortChanged: () => void;
  onReady: (ready: boolean) => void;
}

/** Run the matching, review and adjust its proposal, and publish it. */
export function MatchingPanel({ cohort, onCohortChanged, onReady }: MatchingPanelProps) {
  const styles = useStyles();
  const [loaded, reload] = useApiResource(adminEndpoints.proposal(cohort.id), decodeProposal, { notFound: "unavailable" });
  const [proposalState, setCurrent] = useCurrentData(loaded);
  const current = proposalState.status === "ready" ? proposalState.data : null;
  useEffect(() => onReady(loaded.status !== "loading"), [loaded.status, onReady]);
  const [published, setPublished] = useState<PublishResult | null>(null);
  const action = useAdminAction();
  const finished = useCallback(() => {
    reload();
    onCohortChanged();
  }, [reload, onCohortChanged]);
  const job = useJobRun(decodeJob, finished);
  const { running } = job;
  const canRun = cohort.state === "enrolling" || cohort.state === "matching";

  const run = async () => {
    const started = await action.run("Run matching", (api) => api.post(adminEndpoints.runMatching(cohort.id), {}, decodeJobStarted));
    if (started) job.follow(adminEndpoints.job(started.jobId));
  };
  const change = async (label: string, work: (api: ApiClient) => Promise<Proposal>) => {
    const next = await action.run(label, work);
    if (next) setCurrent(next);
  };
  const ids = (p: ProposedPair) => ({ mentorId: p.mentor.id, menteeId: p.mentee.id });
  const lock = (p: ProposedPair, on: boolean) =>
    void change(on ? "Lock" : "Unlock", (api) =>
      on ? api.post(adminEndpoints.locks(cohort.id), ids(p), decodeProposal) : api.delete(adminEndpoints.lock(cohort.id, p.mentor.id, p.mentee.id), decodeProposal),
    );
  const forbid = (p: ProposedPair) => void change("Forbid", (api) => api.post(adminEndpoints.forbidden(cohort.id), ids(p), decodeProposal));
  const allow = (mentorId: string, menteeId: string) => void change("Allow", (api) => api.delete(adminEndpoints.forbiddenPair(cohort.id, mentorId, menteeId), decodeProposal));
  const swap = (a: ProposedPair, b: ProposedPair) => void change("Swap", (api) => api.post(adminEndpoints.swaps(cohort.id), { pairIdA: a.id, pairIdB: b.id }, decodeProposal));
  const publish = async () => {
    const result = await action.run("Publish", (api) => api.post(adminEndpoints.publish(cohort.id), {}, decodePublishResult));
    if (result) {
      setPublished(result);
      finished();
    }
    return result !== undefined;
  };

  const editable = current !== null && current.publishedAt === null && cohort.state === "matching";

  return (
    <div className={styles.root}>
      <div className={styles.actions}>
        <Button appearance="primary" icon={<PeopleTeamRegular />} disabled={!canRun || running || action.busy !== null} onClick={() => void run()}>
          {current ? "Run matching again" : "Run matching"}
        </Button>
        {editable ? (
          <ConfirmDialog
            trigger={
              <Button appearance="primary" disabled={running || action.busy !== null || current.pairs.length === 0}>
                Publish pairs
              </Button>
            }
            title={`Publish ${current.pairs.filter((p) => p.state === "proposed").length} pairs?`}
            confirmLabel="Publish"
            pending={action.busy === "Publish"}
            error={action.busy === null ? action.error : null}
            onConfirm={publish}
          >
            Every mentor and executive in a pair is told who they are paired with and why. Pairs cannot be changed here afterwards; scheduling comes next.
          </ConfirmDialog>
        ) : null}
        {!canRun && !current ? <span>Matching runs while the cohort is enrolling or matching.</span> : null}
      </div>
      {job.started ? <JobProgress what="Matching" job={job.job} error={job.error} /> : null}
      {action.error ? <ErrorState error={action.error} /> : null}
      {published ? (
        <MessageBar intent="success" data-state="published">
          <MessageBarBody>
            Published {published.published} pairs; {published.notified} people were told.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {proposalState.status === "unavailable" ? (
        <EmptyState title="Matching has not run yet">Run the matching to see the proposed pairs, their scores and why each was made.</EmptyState>
      ) : (
        <ResourceView state={proposalState} onRetry={reload} loadingLabel="the proposal">
          {(proposal) => <ProposalView proposal={proposal} editable={editable} busy={action.busy !== null || running} onLock={lock} onForbid={forbid} onSwap={swap} onAllow={allow} />}
        </ResourceView>
      )}
    </div>
  );
}

interface ProposalViewProps {
  proposal: Proposal;
  editable: boolean;
  busy: boolean;
  onLock: (p: ProposedPair, on: boolean) => void;
  onForbid: (p: ProposedPair) => void;
  onSwap: (a: ProposedPair, b: ProposedPair) => void;
  onAllow: (mentorId: string, menteeId: string) => void;
}

function ProposalView({ proposal, editable, busy, onLock, onForbid, onSwap, onAllow }: ProposalViewProps) {
  const styles = useStyles();
  const s = proposal.stats;
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const p of proposal.pairs) {
      map.set(p.mentor.id, p.mentor.displayName);
      map.set(p.mentee.id, p.mentee.displayName);
    }
    for (const u of proposal.unmatched) map.set(u.person.id, u.person.displayName);
    return map;
  }, [proposal]);
  return (
    <>
      <section className={styles.section} aria-label="Proposal statistics">
        <FactList
          label="Proposal statistics"
          facts={[
            ["Pairs", s.pairs.toLocaleString()],
            ["Locked pairs", s.lockedPairs.toLocaleString()],
            ["Executives matched", `${percent(s.matchedMenteeShare)} (${s.matchedMentees} of ${s.mentees})`],
            ["Mentors matched", percent(s.matchedMentorShare)],
            ["Cross-department pairs", percent(s.crossDepartmentShare)],
            ["Average score", score(s.averageScore)],
            ["Total score", score(s.totalScore)],
            ["Published", proposal.publishedAt ? new Date(proposal.publishedAt).toLocaleString() : "Not yet"],
          ]}
        />
      </section>
      <section className={styles.section} aria-label="Proposed pairs">
        <Subtitle2 as="h3">Proposed pairs</Subtitle2>
        <ProposalTable pairs={proposal.pairs} editable={editable} busy={busy} onLock={onLock} onForbid={onForbid} onSwap={onSwap} />
      </section>
      <section className={styles.section} aria-label="Not matched">
        <Subtitle2 as="h3">Not matched</Subtitle2>
        <UnmatchedList unmatched={proposal.unmatched} />
      </section>
      <ProposalRules proposal={proposal} names={names} editable={editable} busy={busy} onAllow={onAllow} />
    </>
  );
}
