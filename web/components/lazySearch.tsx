// Search results, a chunk fetched on first use (see lazy.tsx): the list of chats is the first
// screen, results only come once someone types. Focusing a search box starts the download.
import { lazy, LoadFailed } from "./lazy.tsx";
import type { Props as MessageResultsProps } from "./MessageResults.tsx";
import type { Props as SearchResultsProps } from "./SearchResults.tsx";
import { LinesSkeleton, ListSkeleton } from "./Skeleton.tsx";

const searchResults = lazy<SearchResultsProps>(
  () => import("./SearchResults.tsx").then((m) => m.SearchResults),
  ({ failed, retry }) => (failed ? <LoadFailed retry={retry} /> : <ListSkeleton rows={3} />),
);

const messageResults = lazy<MessageResultsProps>(
  () => import("./MessageResults.tsx").then((m) => m.MessageResults),
  ({ failed, retry }) => (failed ? <LoadFailed retry={retry} /> : <LinesSkeleton lines={3} />),
);

export const LazySearchResults = searchResults.Component;
export const LazyMessageResults = messageResults.Component;

/** Both kinds of results: the sidebar's search shows messages too. */
export function prefetchResults(): void {
  searchResults.prefetch();
  messageResults.prefetch();
}
