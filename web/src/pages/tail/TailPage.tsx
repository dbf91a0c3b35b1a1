// Placeholder: the Live tail page is built by the second dashboard engineer (this folder is theirs).

import { Empty } from "../../components/States";

export function TailPage() {
  return (
    <section className="page">
      <h1>Live tail</h1>
      <Empty>Coming soon.</Empty>
    </section>
  );
}
