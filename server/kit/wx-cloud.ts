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

let db: ReturnType<typeof cloud.database> | undefined;

/**
 * The instance's one database handle, made once as WeChat's samples do at module level: each
 * `cloud.database()` builds a fresh class and client, while requests read the caller and the
 * environment afresh anyway.
 */
export function database() {
  db ??= wxCloud().database();
  return db;
}
