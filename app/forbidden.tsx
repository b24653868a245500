import Link from "next/link";

export default function Forbidden() {
  return (
    <section className="card empty-state">
      <h1>Not allowed</h1>
      <p className="muted">Your roles do not give access to this page. An admin can change your roles on the Users page.</p>
      <Link href="/" className="button button-primary">
        Back to the portfolio
      </Link>
    </section>
  );
}
