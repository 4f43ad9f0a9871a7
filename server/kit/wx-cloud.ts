import cloud from 'wx-server-sdk';

let initialised = false;

/**
 * The one initialised wx-server-sdk of a function instance. DYNAMIC_CURRENT_ENV makes the same
 * bundle work in every WeChat Cloud environment and in the local cloud (SCF_NAMESPACE).
 */
export function wxCloud(): typeof cloud {
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    initialised = true;
  }
  return cloud;
}

export function database() {
  return wxCloud().database();
}
