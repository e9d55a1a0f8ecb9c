// One stdin subscription for the whole app. Key events go to a stack of handlers, topmost first
// (a dialog mounts above its view); a handler returns true to consume the key.
import { useInput } from 'ink';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useLayoutEffect,
  useMemo,
  useRef,
} from 'react';
import { type KeyEvent, normalizeKeys } from './keys.js';
import { commitNow } from './sync-commit.js';

export type KeyHandler = (key: KeyEvent) => boolean;

interface Registry {
  register(handler: { current: KeyHandler }): () => void;
}

const InputContext = createContext<Registry | null>(null);

export function InputProvider({
  children,
  fallback,
}: {
  children: ReactNode;
  fallback: KeyHandler;
}): ReactNode {
  const stack = useRef<{ current: KeyHandler }[]>([]);
  const fallbackRef = useRef(fallback);
  fallbackRef.current = fallback;
  const registry = useMemo<Registry>(
    () => ({
      register(handler) {
        stack.current.push(handler);
        return () => {
          stack.current = stack.current.filter((h) => h !== handler);
        };
      },
    }),
    [],
  );
  const dispatch = useCallback((event: KeyEvent) => {
    for (let i = stack.current.length - 1; i >= 0; i--) {
      if (stack.current[i]!.current(event)) return;
    }
    fallbackRef.current(event);
  }, []);
  // Keys of one chunk ("jj\r" typed fast over SSH) must each see the state the previous key left:
  // each is handled in its own timer turn, and what it changed is committed before the next one
  // runs. (Left to React's scheduler, that commit could come after the next timer on a busy machine.)
  const queue = useRef<KeyEvent[]>([]);
  const draining = useRef(false);
  const drain = useCallback(() => {
    const event = queue.current.shift();
    if (!event) {
      draining.current = false;
      return;
    }
    commitNow(() => dispatch(event));
    setTimeout(drain, 0);
  }, [dispatch]);
  useInput((input, key) => {
    queue.current.push(...normalizeKeys(input, key));
    if (draining.current) return;
    draining.current = true;
    setTimeout(drain, 0);
  });
  return <InputContext.Provider value={registry}>{children}</InputContext.Provider>;
}

/** Registers a key handler for as long as the component is mounted (and `active`). */
export function useKeys(handler: KeyHandler, active = true): void {
  const registry = useContext(InputContext);
  const ref = useRef(handler);
  ref.current = handler;
  // A layout effect registers during the commit itself: a passive effect could run after the next
  // key of a fast chunk (":workers\r") was dispatched, and that key would miss the new handler.
  useLayoutEffect(() => {
    if (!registry || !active) return;
    return registry.register(ref);
  }, [registry, active]);
}
