import type { Level } from "../api/types";

export function LevelBadge({ level }: { level: Level | string }) {
  return <span className={`level-badge level-${level}`}>{level}</span>;
}
