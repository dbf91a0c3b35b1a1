// The banner every page shows while the project's data is stale or the pipeline does not run.

import { bannerOf } from "./banner";
import { usePipelineStatus } from "./pipelineStatus";
import "./status.css";

export function StatusBanner() {
  const banner = bannerOf(usePipelineStatus());
  if (!banner) return null;
  return (
    <div
      className={`status-banner status-banner-${banner.tone}`}
      role={banner.tone === "error" ? "alert" : "status"}
      aria-label="Pipeline status"
    >
      <strong>{banner.title}</strong> <span>{banner.detail}</span>
    </div>
  );
}
