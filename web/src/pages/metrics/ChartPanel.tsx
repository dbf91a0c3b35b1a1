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
      {state.status === "loading" &&
        (state.previous === undefined ? (
          <Loading what="Loading" />
        ) : (
          // The last chart stays (dimmed) while the next one loads, so the page does not jump.
          <div className="reloading" aria-busy="true">
            {isEmpty(state.previous) ? <Empty>{emptyText}</Empty> : children(state.previous)}
          </div>
        ))}
      {state.status === "error" && <ErrorState error={state.error} />}
      {state.status === "ready" &&
        (isEmpty(state.data) ? <Empty>{emptyText}</Empty> : children(state.data))}
    </section>
  );
}
