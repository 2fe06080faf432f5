// Navigation for the views, apart from main.ts so views do not import the module that imports them.
let renderer: (focus: boolean) => Promise<void> = async () => undefined;

export function setRenderer(fn: (focus: boolean) => Promise<void>): void {
  renderer = fn;
}

export function navigate(url: string): void {
  history.pushState(null, '', url);
  void renderer(true);
}

/** Re-renders the current view in place (after a correction), keeping the reader's place. */
export function refresh(): Promise<void> {
  return renderer(false);
}

export const paths = {
  speaker: (name: string) => `/speaker/${encodeURIComponent(name)}`,
  statement: (id: string) => `/statement/${encodeURIComponent(id)}`,
  document: (key: string, item?: string) => `/document/${encodeURIComponent(key)}${item ? `?item=${encodeURIComponent(item)}` : ''}`,
  search: (params: Record<string, string>) => `/search?${new URLSearchParams(params).toString()}`,
};
