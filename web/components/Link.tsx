// An <a> that navigates inside the app; modified clicks (new tab, etc.) behave as usual.
import type { ComponentChildren } from "preact";
import { navigate } from "../state/router.ts";

interface Props {
  href: string;
  class?: string;
  children: ComponentChildren;
  "aria-current"?: "page" | undefined;
  "aria-label"?: string;
}

export function Link({ href, children, ...rest }: Props) {
  return (
    <a
      href={href}
      {...rest}
      onClick={(e) => {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
