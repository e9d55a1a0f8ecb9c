// One stdin subscription for the whole app. Key events go to a stack of handlers, topmost first
// (a dialog mounts above its view); a handler returns true to consume the key.
import { useInput } from 'ink';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef } from 'react';
import { type KeyEvent, normalizeKeys } from './keys.js';

export type KeyHandler = (key: KeyEvent) => boolean;

interface Registry {
  register(handler: { current: KeyHandler }): () => void;
}

const InputContext = createContext<Registry | null>(null);

export function InputProvider({ children, fallback }: { children: ReactNode; fallback: KeyHandler }): ReactNode {
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
  useInput((input, key) => {
    for (const event of normalizeKeys(input, key)) dispatch(event);
  });
  return <InputContext.Provider value={registry}>{children}</InputContext.Provider>;
}

/** Registers a key handler for as long as the component is mounted (and `active`). */
export function useKeys(handler: KeyHandler, active = true): void {
  const registry = useContext(InputContext);
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!registry || !active) return;
    return registry.register(ref);
  }, [registry, active]);
}
