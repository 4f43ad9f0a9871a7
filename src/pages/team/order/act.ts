/**
 * Runs one call of an order action, then `done` (clearing the panel's fields) on success, and
 * always reloads the order quietly: success or not (someone else may have acted first), the page
 * shows the order as it is now. Failures still reach the button, which toasts them.
 */
export type Act = (call: Promise<unknown>, done?: () => void) => Promise<void>;

export const actThenReload =
  (reload: (quiet?: boolean) => Promise<void>): Act =>
  async (call, done) => {
    try {
      await call;
      done?.();
    } finally {
      await reload(true);
    }
  };
