/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';
declare module '*.module.scss' {
  const classes: { readonly [key: string]: string };
  export default classes;
}

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by the Taro CLI at build time; the bundler replaces it with a literal. */
    TARO_ENV?: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'harmony-hybrid';
    /** WeChat Cloud environment id for `Taro.cloud.init` (empty: the default environment). */
    TARO_APP_CLOUD_ENV?: string;
    /** The real appid, overriding project.config.json's placeholder when Taro writes dist/weapp/project.config.json. */
    TARO_APP_ID?: string;
  }
}
