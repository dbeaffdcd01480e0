// Translation keys are checked by the compiler: t('titels.x') or a key missing from zh.ts does not build.
import 'i18next';
import type { zh } from './zh.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof zh };
    returnNull: false;
  }
}
