// Placeholder: the Metrics page is built by the second dashboard engineer (this folder is theirs).

import { Empty } from "../../components/States";

export function MetricsPage() {
  return (
    <section className="page">
      <h1>Metrics</h1>
      <Empty>Coming soon.</Empty>
    </section>
  );
}
