export { buildPanel, Panel, type Alignment, type AlignmentRange, type DateRun, type PanelFactors, type PanelInput, type PanelSeries, type PriceBasis } from './panel.js';
export { loadPanel, type DataOptions, type PanelRequest } from './load.js';
