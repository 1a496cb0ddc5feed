// A module imported on first use, once: every caller shares the one import. A failed import (the app
// was updated and the old chunk is gone) is forgotten, so the next caller tries again.
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    if (loading === undefined) {
      loading = load();
      loading.catch(() => (loading = undefined));
    }
    return loading;
  };
}
