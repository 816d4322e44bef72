import type { ReactNode } from "react";
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

/** The API behind this part of the screen does not exist in this version yet (it answered 404). */
export function NotAvailableState({ what, children }: { what: string; children: ReactNode }) {
  return (
    <MessageBar intent="info" layout="multiline" data-state="not-available">
      <MessageBarBody>
        <MessageBarTitle>{what} is not available yet</MessageBarTitle>
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}
