import type { Me } from './contracts';

/**
 * The page's own login form (web/index.html, signed in by its own script before this code arrives). The console
 * takes it over: `takeBootLogin` removes it and hands over what the user has typed so far; `bootSignedIn` is the
 * account it signed in, if it did so before the console was listening for `fangyi:signed-in`.
 */
export function takeBootLogin(): { username?: string; password?: string } {
  const el = document.getElementById('boot');
  if (!el) return {};
  const value = (id: string) => (document.getElementById(id) as HTMLInputElement | null)?.value || undefined;
  const typed = { username: value('boot-username'), password: value('boot-password') };
  el.remove();
  return typed;
}

export const bootSignedIn = (): Me | undefined => (window as { fangyiSignedIn?: Me }).fangyiSignedIn;
