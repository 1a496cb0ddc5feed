// Positions set through the CSSOM (element.style), which the strict CSP allows, instead of style=""
// attributes, which it forbids without 'unsafe-inline'.
export function translateY(node: HTMLElement, y: number) {
  node.style.transform = `translateY(${y}px)`;
  return {
    update(next: number) {
      node.style.transform = `translateY(${next}px)`;
    },
  };
}

export function heightPx(node: HTMLElement, px: number) {
  node.style.height = `${px}px`;
  return {
    update(next: number) {
      node.style.height = `${next}px`;
    },
  };
}
