import { createContext, type ReactNode, useContext } from 'react';
import { pickTheme, type Theme } from './theme.js';

const ThemeContext = createContext<Theme>(pickTheme());

export function ThemeProvider({ theme, children }: { theme: Theme; children: ReactNode }): ReactNode {
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export const useTheme = (): Theme => useContext(ThemeContext);
