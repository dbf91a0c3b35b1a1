// Placeholder: the Stream page is built by the second dashboard engineer (this folder is theirs).

import { Empty } from "../../components/States";

export function StreamPage() {
  return (
    <section className="page">
      <h1>Stream</h1>
      <Empty>Coming soon.</Empty>
    </section>
  );
}
