// Taro compiles TypeScript and JSX with babel (never tsc).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
