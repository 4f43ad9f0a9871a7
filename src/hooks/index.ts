export { useCloudLoad } from './use-cloud-load';
export { ELDER_MODE_KEY, readElderMode, useElderMode, writeElderMode } from './use-elder-mode';
