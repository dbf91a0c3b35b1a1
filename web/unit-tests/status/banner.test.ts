// The status banner's words and the live tail's badge for each verdict.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ProjectStatus } from "../../src/api/types";
import { tailBadge } from "../../src/pages/tail/tailBadge";
import { bannerOf } from "../../src/status/banner";

function status(verdict: ProjectStatus["verdict"], reason: string): ProjectStatus {
  return {
    verdict,
    reason,
    checkedAt: "2026-12-06T10:00:00.000000000Z",
    newestEvent: {
      time: "2026-12-06T09:00:00.000000000Z",
      receivedAt: "2026-12-06T09:00:00.000000000Z",
    },
    freshnessSeconds: 3_720,
    job: { name: "devlogs-log-pipeline", state: "RUNNING", lastCheckpointAgeSeconds: 4 },
    consumerLag: { events: 0, seconds: 0, measuredAs: "age of the oldest record" },
    deadLettersLastHour: 0,
    problems: [],
  };
}

describe("bannerOf", () => {
  it("shows nothing when all is well or not known", () => {
    assert.equal(bannerOf(status("ok", "fine")), null);
    assert.equal(bannerOf(null), null);
  });

  it("says the pipeline is not running, why, and how old the newest event is", () => {
    const banner = bannerOf(status("down", "the job devlogs-log-pipeline is RESTARTING"));
    assert.equal(banner?.tone, "error");
    assert.match(banner!.title, /not running/);
    assert.equal(
      banner!.detail,
      "The job devlogs-log-pipeline is RESTARTING. The newest event was received 1 h 2 min ago.",
    );
  });

  it("says a stalled pipeline delivers late", () => {
    assert.match(bannerOf(status("stalled", "no checkpoint"))!.title, /stalled/);
  });

  it("warns, less loudly, that a project's data is stale", () => {
    const banner = bannerOf(status("stale", "no event of this project was stored in the last 7 d"));
    assert.equal(banner?.tone, "warning");
    assert.match(banner!.title, /No recent data/);
  });
});

describe("tailBadge", () => {
  it("is Live only while connected and the pipeline flows", () => {
    assert.deepEqual(tailBadge({ status: "live" }, status("ok", "")), { kind: "live" });
    assert.deepEqual(tailBadge({ status: "live" }, status("stale", "")), { kind: "live" });
    assert.deepEqual(tailBadge({ status: "live" }, null), { kind: "live" });
  });

  it("is not Live while the pipeline is down or stalled", () => {
    assert.equal(tailBadge({ status: "live" }, status("down", "")).kind, "waiting");
    assert.equal(tailBadge({ status: "live" }, status("stalled", "")).kind, "waiting");
  });

  it("says when the socket is closed or paused for a hidden tab", () => {
    assert.deepEqual(tailBadge({ status: "hidden" }, null), { kind: "hidden" });
    assert.deepEqual(tailBadge({ status: "closed", code: 1006, detail: "lost" }, null), {
      kind: "closed",
      detail: "lost",
    });
  });
});
