// Taro compiles TypeScript and JSX with babel (never tsc).
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        // H5 runs in WeChat's in-app browser and current phone browsers: no ES5 down-levelling
        // (less code to parse on the first screen). The weapp build keeps Taro's default targets.
        ...(process.env.TARO_ENV === 'h5' ? { targets: { chrome: '87', safari: '14', ios: '14' } } : {}),
      },
    ],
  ],
};
