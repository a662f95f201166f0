import type { FormEvent, ReactNode } from "react";

import { ErrorMessage } from "../ui/components";
import type { Action } from "../ui/hooks";
import { Done, MissingToken } from "./AuthPage";

interface Props {
  /** The emailed link's token (`useLinkToken`); without one the page says the link was cut short. */
  token: string | null;
  action: Action<[]>;
  intro: string;
  /** What the page says once the action is done. */
  done: string;
  submit: string;
  /** The form's fields (and anything shown below the error). */
  children: ReactNode;
}

/** The form of a page an emailed link opens: missing token, the form, or done. */
export function LinkForm({ token, action, intro, done, submit, children }: Props) {
  if (!token) return <MissingToken />;
  if (action.done) return <Done text={done} />;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <p>{intro}</p>
      <ErrorMessage error={action.error} />
      {children}
      <button type="submit" className="primary" disabled={action.busy}>
        {submit}
      </button>
    </form>
  );
}
