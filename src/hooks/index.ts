export { ELDER_MODE_KEY, readElderMode, useElderMode, writeElderMode } from './use-elder-mode';
