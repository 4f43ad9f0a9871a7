import type { TeamOrderView, WithScreen } from '@/domain/order/screen.views';

/**
 * Runs one call of an order action asked with `view: 'teamOrder'`, then `done` (clearing the
 * panel's fields) on success, and shows the team order the action answered: one call, no reload.
 * A failed action (say someone else acted first) reloads the order quietly so the page shows it as
 * it is now; the failure still reaches the button, which toasts it.
 */
export type Act = (call: Promise<WithScreen>, done?: () => void) => Promise<void>;

export const actAndShow =
  (show: (view: TeamOrderView) => void, reload: (quiet?: boolean) => Promise<void>): Act =>
  async (call, done) => {
    let answer: WithScreen;
    try {
      answer = await call;
    } catch (err) {
      await reload(true);
      throw err;
    }
    done?.();
    if (answer.teamOrder) show(answer.teamOrder);
    else await reload(true);
  };
