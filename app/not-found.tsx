import Link from "next/link";
import { FileQuestion } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";
import { ErrorPage } from "@/components/shell/error-page";

export default function NotFound() {
  return (
    <ErrorPage
      icon={FileQuestion}
      code="404"
      title="Page not found"
      description="The page you asked for does not exist, or it was moved. Check the address, or start again from the overview."
    >
      <Link href="/" className={buttonVariants()}>
        Go to the overview
      </Link>
    </ErrorPage>
  );
}
