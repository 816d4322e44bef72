import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { ApiError } from "../api/problem.js";
import { unplacedFieldErrors } from "./field-validation.js";

export interface ErrorStateProps {
  error: Error;
  onRetry?: () => void;
  retryLabel?: string;
  /** Fields whose errors the form already shows next to the field; they are not repeated here. */
  placedFields?: readonly string[];
}

/** An error with its reason and, when trying again can help, a Retry button. */
export function ErrorState({ error, onRetry, retryLabel = "Retry", placedFields = [] }: ErrorStateProps) {
  const { title, detail } = describe(error);
  const fieldErrors = unplacedFieldErrors(error, placedFields);
  return (
    <MessageBar intent="error" layout="multiline" data-state="error">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {detail}
        {fieldErrors.length > 0 ? (
          <ul>
            {fieldErrors.map((e) => (
              <li key={`${e.field}:${e.message}`}>
                {e.field}: {e.message}
              </li>
            ))}
          </ul>
        ) : null}
      </MessageBarBody>
      {onRetry ? (
        <MessageBarActions>
          <Button onClick={onRetry}>{retryLabel}</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}

function describe(error: Error): { title: string; detail: string } {
  if (error instanceof ApiError) return { title: error.title, detail: error.detail ?? "" };
  return { title: "Something went wrong", detail: error.message };
}
