import { Skeleton } from "@/components/ui/skeleton";

export default function TransactionObjectLoading() {
  return (
    <div
      className="grid grid-cols-1 gap-6"
      aria-busy="true"
      aria-label="Loading the transaction object and comparing it with GAX"
    >
      <Skeleton className="h-5 w-72" />
      <Skeleton className="h-9 w-80" />
      <Skeleton className="h-16 w-full" />
      {Array.from({ length: 4 }, (_, index) => (
        <Skeleton key={index} className="h-40 w-full" />
      ))}
    </div>
  );
}
