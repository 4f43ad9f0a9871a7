/**
 * Architecture rules, checked by `npm run lint:deps` (part of `npm run lint`, so of npm test).
 * The domain core is shared by the mini-program and the cloud functions: it must stay pure.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-stays-pure',
      comment: 'src/domain imports nothing from Taro, wx, wx-server-sdk, React or Node built-ins.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        path: '(^|/)node_modules/(@tarojs/|wx-server-sdk|react|react-dom)|^(wx|@tarojs/.+|wx-server-sdk)$',
      },
    },
    {
      name: 'domain-no-node-builtins',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'domain-depends-on-domain-only',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^(src/(?!domain/)|server/|local-cloud/|cloudfunctions/)' },
    },
    {
      name: 'app-never-reaches-the-server',
      comment: 'Pages talk to the cloud only through src/services/cloud.ts, never to server code or the SDK.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(server/|local-cloud/|cloudfunctions/)|(^|/)node_modules/wx-server-sdk' },
    },
    {
      name: 'functions-never-import-taro',
      severity: 'error',
      from: { path: '^(server/|cloudfunctions/)' },
      to: { path: '(^|/)node_modules/@tarojs/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)dist/|^cloudfunctions/[^/]+/index\\.js$' },
  },
};
