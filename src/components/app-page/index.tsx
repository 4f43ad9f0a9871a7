import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useElderMode } from '@/hooks/use-elder-mode';
import './index.scss';

export interface AppPageProps {
  /** Page-specific root class (BEM block of the page), e.g. `home`. */
  className?: string;
  children?: ReactNode;
  /** Leave room for a fixed bottom bar (e.g. a submit button). */
  bottomBar?: boolean;
}

/**
 * Page shell: the grey page with standard padding, and the 适老化 class `elder` when the remembered
 * setting is on (larger fonts, ≥ 44 px tap targets, high contrast — see app.scss and each component).
 */
export function AppPage({ className, children, bottomBar }: AppPageProps) {
  const [elder] = useElderMode();
  const classes = ['page', 'app-page', elder ? 'elder' : '', bottomBar ? 'app-page--bottom-bar' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return <View className={classes}>{children}</View>;
}
