/**
 * The app's only Node-ish global: `process.env.TARO_*`, which the Taro build replaces with
 * literals (the keys are declared in global.d.ts). Only tsconfig.app.json includes this file, so
 * the mini-program gets no other Node types.
 */
declare const process: { readonly env: NodeJS.ProcessEnv };
