// What the status banner says for a project's status; pure.

import { formatAge } from "../components/format";
import type { ProjectStatus } from "../api/types";

export interface Banner {
  tone: "error" | "warning";
  title: string;
  detail: string;
}

/** The banner for this status, or null when all is well (or not known). */
export function bannerOf(status: ProjectStatus | null): Banner | null {
  if (!status || status.verdict === "ok") return null;
  const newest = status.newestEvent
    ? ` The newest event was received ${formatAge(status.freshnessSeconds ?? 0)} ago.`
    : "";
  switch (status.verdict) {
    case "down":
      return {
        tone: "error",
        title: "The pipeline is not running: new logs are not being stored.",
        detail: `${capitalised(status.reason)}.${newest}`,
      };
    case "stalled":
      return {
        tone: "error",
        title: "The pipeline is stalled: new logs are arriving late or not at all.",
        detail: `${capitalised(status.reason)}.${newest}`,
      };
    case "stale":
      return {
        tone: "warning",
        title: "No recent data for this project.",
        detail: `${capitalised(status.reason)}.`,
      };
  }
}

/** Whether new events reach the live tail: the pipeline runs and keeps up. */
export function pipelineFlows(status: ProjectStatus | null): boolean {
  return !status || (status.verdict !== "down" && status.verdict !== "stalled");
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
