// What the training feature offers the rest of the web: the unit page's backbone panel and the numbers.
export { BackbonePanel } from './components/BackbonePanel.js';
export { TrainingNumbers } from './components/TrainingNumbers.js';
export { backbonesQueryOptions, trainingKeys } from './api/training.js';
