import Link from "next/link";

export default function NotFound() {
  return (
    <section className="card empty-state">
      <h1>Not found</h1>
      <p className="muted">No workflow, cohort or scorecard has this address. It may have been renamed in the program registry.</p>
      <Link href="/" className="button button-primary">
        Back to the portfolio
      </Link>
    </section>
  );
}
