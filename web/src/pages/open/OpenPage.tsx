// /open?project=<id>&to=<page>: a link shared with the project's members. A signed-in person with
// a role on the project gets it chosen for their session and lands on the page; one without a
// role is told so. (Someone not signed in sees the sign-in page first, with this URL kept.)

import { useEffect, useState } from "react";
import { Navigate, useSearchParams } from "react-router-dom";
import { ApiError } from "../../api/client";
import { chooseProject } from "../../api/people";
import { personSession } from "../../auth/session";
import { Empty, ErrorState, Loading } from "../../components/States";
import { safePage } from "./safePage";

export function OpenPage() {
  const [params] = useSearchParams();
  const project = params.get("project") ?? "";
  const page = safePage(params.get("to"));
  const current = personSession()?.project?.projectId;
  const [state, setState] = useState<"choosing" | "ready" | ApiError>(
    current === project ? "ready" : "choosing",
  );

  useEffect(() => {
    if (state !== "choosing") return;
    chooseProject(project).then(
      () => setState("ready"),
      (e: unknown) =>
        setState(e instanceof ApiError ? e : new ApiError(0, "client_error", String(e))),
    );
  }, [project]);

  if (!personSession()) {
    return <Empty>This link is for members of a project: sign in with your account to open it.</Empty>;
  }
  if (state === "choosing") return <Loading what="Opening the shared link" />;
  if (state === "ready") return <Navigate to={page} replace />;
  return state.status === 404 ? (
    <Empty>This link is to a project you have no role on: ask one of its owners to invite you.</Empty>
  ) : (
    <ErrorState error={state} />
  );
}
