import { Portfolio } from "./Portfolio";

export const dynamic = "force-dynamic";

export default function PortfolioPage() {
  return <Portfolio />;
}
