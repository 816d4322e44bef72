// Follows a long-running job (directory sync, matching, scheduling) until it finishes, for its progress
// bar. Polls while the job runs; stops when the screen goes away or another job is followed.
import { useEffect, useRef, useState } from "react";
import { isAbort, type Decoder } from "../../api/client.js";
import type { Job } from "../../api/admin-types.js";
import { useSession } from "../../session/session.js";

/** Often enough for a smooth bar, rare enough not to load the server (jobs report progress in steps). */
const POLL_INTERVAL_MS = 600;

export interface JobPoll {
  job: Job | null;
  /** The job could not be read (it is still running or finished on the server). */
  error: Error | null;
}

export function useJobPoll(path: string | null, decode: Decoder<Job>, onFinished: (job: Job) => void): JobPoll {
  const { api } = useSession();
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  useEffect(() => {
    setJob(null);
    setError(null);
    if (!path) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      api.get(path, decode, { signal: controller.signal }).then(
        (next) => {
          setJob(next);
          if (next.state === "running") timer = setTimeout(poll, POLL_INTERVAL_MS);
          else finished.current(next);
        },
        (e: unknown) => {
          if (!isAbort(e)) setError(e instanceof Error ? e : new Error(String(e)));
        },
      );
    };
    poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [api, path, decode]);

  return { job, error };
}

export interface JobRun extends JobPoll {
  /** A job was started (or joined) from this screen. */
  started: boolean;
  /** It has not finished yet (or its first progress has not arrived). */
  running: boolean;
  /** Follow the job at this path (its GET), e.g. after POST answered 202 with its id. */
  follow: (jobPath: string) => void;
}

/** A job this screen starts: the path to follow, its progress, and whether it still runs. */
export function useJobRun(decode: Decoder<Job>, onFinished: (job: Job) => void): JobRun {
  const [jobPath, setJobPath] = useState<string | null>(null);
  const poll = useJobPoll(jobPath, decode, onFinished);
  const running = jobPath !== null && (poll.job === null ? poll.error === null : poll.job.state === "running");
  return { ...poll, started: jobPath !== null, running, follow: setJobPath };
}
