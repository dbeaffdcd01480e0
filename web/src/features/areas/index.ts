// What the areas feature offers the rest of the web: the pieces of page and the queries others use.
export { AreaCascade } from './components/AreaCascade.js';
export { AreaFilter, countyOf, widerThanCounty } from './components/AreaFilter.js';
export { AreaOverview } from './components/AreaOverview.js';
export { AreaSettingsForm } from './components/AreaSettingsForm.js';
export { AreaVoiceForm } from './components/AreaVoiceForm.js';
export { AreaHelpForm } from './components/AreaHelpForm.js';
export { BulletinAreas, BulletinAreasView } from './components/BulletinAreas.js';
export { CountyField, countyFromCode, useCountyFromCode } from './components/CountyField.js';
export { ScopeDialog } from './components/ScopeDialog.js';
export { ScopeName } from './components/ScopeName.js';
export { fullName, useArea, useAreaChildren } from './api/areas.js';
export { useAreaSettings } from './api/area-settings.js';
export { useAreaParam } from './use-area-param.js';
export { useRollup, type RollupRow } from './api/rollup.js';
export { childName, sharePercent } from './components/RollupTable.js';
export { useCurrentArea } from './components/AreaOverview.js';
