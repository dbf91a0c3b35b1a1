import { Empty } from "../../components/States";

export function SearchPage() {
  return (
    <section className="page">
      <h1>Search</h1>
      <Empty>Coming soon.</Empty>
    </section>
  );
}
