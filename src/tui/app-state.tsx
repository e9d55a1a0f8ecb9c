// UI state as a pure reducer: the view stack, the connectors list's filter/marks/sort, the footer
// notice. State and dispatch live in separate contexts so leaves that only act never re-render.
import { createContext, type Dispatch, type ReactNode, useContext, useReducer } from 'react';
import type { SortKey } from '../domain/sort.js';
import type { EditorStart } from './editor/EditorView.js';
import type { ViewId } from './keymap.js';

export type Route =
  | { view: 'connectors' }
  | { view: 'connector'; name: string }
  | { view: 'trace'; name: string; task: number | null }
  | { view: 'cluster' }
  | { view: 'plugins' }
  | { view: 'plugin'; className: string }
  | { view: 'topics'; name: string }
  | { view: 'config'; name: string }
  | { view: 'topicMap' }
  | { view: 'workers' }
  | { view: 'worker'; id: string }
  | { view: 'loggers' }
  | { view: 'offsets'; name: string }
  | { view: 'editor'; start: EditorStart }
  | { view: 'help'; of: ViewId };

export type Tone = 'info' | 'ok' | 'warn' | 'error';

export interface Notice {
  text: string;
  tone: Tone;
}

export interface UiState {
  stack: Route[];
  notice: Notice | undefined;
  marks: ReadonlySet<string>;
  filter: string;
  filterEditing: boolean;
  problemsOnly: boolean;
  sort: SortKey;
  /** The connector the home list's cursor is on, followed by name across refreshes. */
  selected: string | undefined;
  selectedIndex: number;
}

export type UiAction =
  | { type: 'push'; route: Route }
  | { type: 'pop' }
  | { type: 'home' }
  | { type: 'replace'; route: Route }
  | { type: 'notice'; notice: Notice | undefined }
  | { type: 'marks'; marks: ReadonlySet<string> }
  | { type: 'filter'; text: string; editing: boolean }
  | { type: 'problemsOnly'; value: boolean }
  | { type: 'sort'; sort: SortKey }
  | { type: 'select'; name: string | undefined; index: number }
  /** Applied only if the selection is still what the sender saw: a key may have moved it since. */
  | {
      type: 'reconcileSelection';
      seen: { name: string | undefined; index: number };
      name: string | undefined;
      index: number;
    };

export const initialUiState: UiState = {
  stack: [{ view: 'connectors' }],
  notice: undefined,
  marks: new Set(),
  filter: '',
  filterEditing: false,
  problemsOnly: false,
  sort: 'name',
  selected: undefined,
  selectedIndex: 0,
};

export function uiReducer(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'push':
      return { ...state, stack: [...state.stack, action.route] };
    case 'pop':
      return state.stack.length > 1 ? { ...state, stack: state.stack.slice(0, -1) } : state;
    case 'home':
      return { ...state, stack: state.stack.slice(0, 1) };
    case 'replace':
      return { ...state, stack: [...state.stack.slice(0, -1), action.route] };
    case 'notice':
      return { ...state, notice: action.notice };
    case 'marks':
      return { ...state, marks: action.marks };
    case 'filter':
      return { ...state, filter: action.text, filterEditing: action.editing };
    case 'problemsOnly':
      return { ...state, problemsOnly: action.value };
    case 'sort':
      return { ...state, sort: action.sort };
    case 'reconcileSelection':
      if (state.selected !== action.seen.name || state.selectedIndex !== action.seen.index) return state;
      return { ...state, selected: action.name, selectedIndex: action.index };
    case 'select':
      return state.selected === action.name && state.selectedIndex === action.index
        ? state
        : { ...state, selected: action.name, selectedIndex: action.index };
  }
}

const StateContext = createContext<UiState>(initialUiState);
const DispatchContext = createContext<Dispatch<UiAction>>(() => {});

export function UiStateProvider({
  children,
  initial,
}: {
  children: ReactNode;
  initial?: Partial<UiState>;
}): ReactNode {
  const [state, dispatch] = useReducer(uiReducer, { ...initialUiState, ...initial });
  return (
    <DispatchContext.Provider value={dispatch}>
      <StateContext.Provider value={state}>{children}</StateContext.Provider>
    </DispatchContext.Provider>
  );
}

export const useUi = (): UiState => useContext(StateContext);
export const useUiDispatch = (): Dispatch<UiAction> => useContext(DispatchContext);
export const currentRoute = (state: UiState): Route => state.stack.at(-1)!;
