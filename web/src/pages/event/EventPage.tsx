import { Empty } from "../../components/States";

export function EventPage() {
  return (
    <section className="page">
      <h1>Event</h1>
      <Empty>Coming soon.</Empty>
    </section>
  );
}
