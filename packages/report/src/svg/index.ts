export { type BarChartSpec, BarChartSpecSchema, barChart } from './bar';
export { type DoughnutChartSpec, DoughnutChartSpecSchema, doughnutChart } from './doughnut';
export { type LineChartSpec, LineChartSpecSchema, lineChart } from './line';
export { type SensitivityChartSpec, SensitivityChartSpecSchema, sensitivityChart } from './sensitivity';
export { type StackedBarChartSpec, StackedBarChartSpecSchema, stackedBarChart } from './stacked';
