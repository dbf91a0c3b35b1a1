// What the live tail's connection badge says: "Live" only while the socket is open and the pipeline
// delivers; pure.

import type { ProjectStatus } from "../../api/types";
import { pipelineFlows } from "../../status/banner";
import type { TailConnection } from "./useTailSocket";

export type TailBadge =
  | { kind: "connecting" }
  | { kind: "live" }
  /** Connected, but the pipeline is down or stalled: nothing new will arrive. */
  | { kind: "waiting"; detail: string }
  | { kind: "hidden" }
  | { kind: "closed"; detail: string };

export function tailBadge(connection: TailConnection, status: ProjectStatus | null): TailBadge {
  switch (connection.status) {
    case "connecting":
      return { kind: "connecting" };
    case "hidden":
      return { kind: "hidden" };
    case "closed":
      return { kind: "closed", detail: connection.detail };
    case "live":
      return pipelineFlows(status)
        ? { kind: "live" }
        : {
            kind: "waiting",
            detail:
              status?.verdict === "down"
                ? "the pipeline is not running, so no new events arrive"
                : "the pipeline is stalled, so new events arrive late or not at all",
          };
  }
}
