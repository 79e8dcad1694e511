/**
 * Each picture on the stage keeps one element for the whole call, and a change of layout
 * moves that element rather than making a new one.
 *
 * Without this, a picture that moves (the grid to the strip when a PDF is presented, a pin,
 * the speaker changing) was unmounted in one place and mounted in another: a new `<video>`,
 * LiveKit detaching and attaching the track, Chromium starting a new player for it, and the
 * picture black for a moment; a pin button pressed from the keyboard was a new button, the
 * focus lost (README "a picture that changes place plays on"). React renders each tile
 * once, through a portal into its host element (VideoStage.tsx); the layouts only hold
 * slots, and a slot takes the host in.
 *
 * Plain DOM, no React: the slots and the stage call these from their layout effects.
 */

/** Chromium 133 and later move a node without taking it out of the document. */
interface AtomicMove {
  moveBefore(node: Node, child: Node | null): void;
}

function canMoveAtomically(parent: Node): parent is Node & AtomicMove {
  return typeof (parent as Partial<AtomicMove>).moveBefore === 'function';
}

/**
 * Puts `node` at the end of `parent`. Where both are in the document, an atomic move keeps
 * what a removal would lose: the keyboard focus, a running picture. Elsewhere (a browser
 * without `moveBefore`, or a host placed for the first time) a plain append; Chromium and
 * Firefox let a `<video>` moved within one task play on, and the focus is put back here.
 */
export function moveInto(parent: Node, node: Node): void {
  if (node.parentNode === parent && parent.lastChild === node) return;
  if (node.isConnected && parent.isConnected && canMoveAtomically(parent)) {
    try {
      parent.moveBefore(node, null);
      return;
    } catch {
      // Not movable here after all (say, between documents): the plain append below.
    }
  }
  const active = document.activeElement;
  const focused = active instanceof HTMLElement && node.contains(active) ? active : null;
  parent.appendChild(node);
  if (focused && focused !== document.activeElement) focused.focus({ preventScroll: true });
}

export class TileHosts {
  private readonly hosts = new Map<string, HTMLElement>();
  /** Where a host waits while no layout shows it (in the document, hidden). */
  private parking: HTMLElement | null = null;

  constructor(private readonly makeElement: () => HTMLElement) {}

  /** The element tile `key` is rendered into; made on first use. */
  host(key: string): HTMLElement {
    let host = this.hosts.get(key);
    if (!host) {
      host = this.makeElement();
      host.dataset.tile = key;
      this.hosts.set(key, host);
    }
    return host;
  }

  setParking(parking: HTMLElement | null): void {
    this.parking = parking;
  }

  /** A slot takes the tile in. */
  place(key: string, slot: HTMLElement): void {
    moveInto(slot, this.host(key));
  }

  /**
   * A slot goes (or shows another tile): its tile waits in the parking, still in the
   * document, until the next slot takes it, often in the same commit. Taken out of the
   * document instead, a `<video>` would pause.
   */
  release(key: string, slot: HTMLElement): void {
    const host = this.hosts.get(key);
    if (!host || host.parentNode !== slot) return;
    if (this.parking) moveInto(this.parking, host);
    else host.remove();
  }

  /**
   * After a commit: tiles no longer on the stage at all lose their hosts (React has
   * unmounted them); a tile on the stage that no slot took (another page of the grid) waits
   * in the parking.
   */
  settle(onStage: ReadonlySet<string>): void {
    for (const [key, host] of this.hosts) {
      if (!onStage.has(key)) {
        host.remove();
        this.hosts.delete(key);
      } else if (!host.isConnected && this.parking) moveInto(this.parking, host);
    }
  }
}
