// One titled chart of the Metrics page with its loading, error and empty states.

import type { ReactNode } from "react";
import type { Loadable } from "../../api/useApi";
import { Empty, ErrorState, Loading } from "../../components/States";

export function ChartPanel<T>({
  title,
  state,
  isEmpty,
  emptyText,
  children,
}: {
  title: string;
  state: Loadable<T>;
  isEmpty: (data: T) => boolean;
  emptyText: string;
  children: (data: T) => ReactNode;
}) {
  return (
    <section className="metrics-panel" aria-label={title}>
      <h2>{title}</h2>
      {state.status === "loading" && <Loading what="Loading" />}
      {state.status === "error" && <ErrorState error={state.error} />}
      {state.status === "ready" &&
        (isEmpty(state.data) ? <Empty>{emptyText}</Empty> : children(state.data))}
    </section>
  );
}
