import { Alert } from "@/components/ui/alert";

/** Says which typed filters of the URL the overview left out, and why, so a longer list is not a surprise. */
export function IgnoredFiltersNotice({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <Alert variant="warning" title="Some filters were ignored">
      <ul className="list-disc pl-5">
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </Alert>
  );
}
